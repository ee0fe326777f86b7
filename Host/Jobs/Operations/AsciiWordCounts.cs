using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>wordcount</c>'s fast path for ASCII lines — what nearly every line of a log or a corpus is. The
/// line is lower-cased by one vectorized call into a buffer of this counter's, split into words
/// (runs of a–z, 0–9 and apostrophes) and each word counted in an open-addressing table whose slots
/// hold keys of up to 16 bytes inline (longer keys keep their bytes in one arena). Counting a word thus
/// costs one hash of two machine words and, for nearly every word, one cache line: about three times
/// the rate of a <see cref="Dictionary{TKey, TValue}"/> keyed by string, which needs the bytes widened
/// to characters and a second memory access for the key. The hash is seeded per counter at random,
/// so no input can be crafted to make every word collide.
/// </summary>
internal sealed class AsciiWordCounts
{
    // Reading a key as two unaligned 8-byte loads may run up to 16 bytes past its end: every buffer
    // a key is read from keeps that much slack.
    private const int Slack = 16;

    private readonly ulong _seed = (ulong)Random.Shared.NextInt64() | 1;
    private Slot[] _slots = new Slot[1 << 10];
    private byte[] _arena = new byte[1 << 10];
    private int _arenaUsed;
    private byte[] _lower = new byte[4096];

    /// <summary>How many distinct words the counter holds.</summary>
    public int Count { get; private set; }

    /// <summary>Counts the words of <paramref name="line"/>; false, counting nothing, when a byte of it is not ASCII.</summary>
    public bool TryCountLine(ReadOnlySpan<byte> line)
    {
        if (_lower.Length < line.Length + Slack)
        {
            _lower = new byte[Math.Max(line.Length + Slack, _lower.Length * 2)];
        }

        if (Ascii.ToLower(line, _lower, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var text = _lower.AsSpan(0, line.Length + Slack);
        var length = line.Length;
        var i = 0;
        while (i < length)
        {
            while (i < length && !IsWordByte(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < length && IsWordByte(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                Find(text, start, i - start)++;
            }
        }

        return true;
    }

    /// <summary>About how many bytes the counter holds: its table, its arena and its line buffer.</summary>
    public long EstimatedBytes => (long)_slots.Length * Unsafe.SizeOf<Slot>() + _arena.Length + _lower.Length;

    /// <summary>Adds every word's count into <paramref name="counts"/>, keyed by its text.</summary>
    public void AddTo(Dictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Visit(counts, static (c, key, count) => CollectionsMarshal.GetValueRefOrAddDefault(c, Encoding.ASCII.GetString(key), out _) += count);
    }

    /// <summary>Writes every word's count to <paramref name="output"/> (without ending its run) and starts empty, at the first size.</summary>
    public void WriteTo(IKeyedOutput output)
    {
        Visit(output, static (o, key, count) => o.Write(key, count));
        _slots = new Slot[1 << 10];
        _arena = new byte[1 << 10];
        _arenaUsed = 0;
        Count = 0;
    }

    private delegate void KeyVisitor<TState>(TState state, ReadOnlySpan<byte> key, long count);

    private void Visit<TState>(TState state, KeyVisitor<TState> visit)
    {
        Span<byte> inline = stackalloc byte[16];
        foreach (ref var slot in _slots.AsSpan())
        {
            if (slot.Length != 0)
            {
                visit(state, slot.Length <= 16 ? Inline(slot, inline) : _arena.AsSpan(slot.Spill, slot.Length), slot.Count);
            }
        }
    }

    private static bool IsWordByte(byte b) => (uint)(b - 'a') < 26 || (uint)(b - '0') < 10 || b == '\'';

    /// <summary>The count of the key at <paramref name="start"/> (read with <see cref="Slack"/> bytes past its end), added at 0 when new.</summary>
    private ref long Find(ReadOnlySpan<byte> text, int start, int length)
    {
        ref var slot = ref Locate(text, start, length, out var found);
        if (found)
        {
            return ref slot.Count;
        }

        if ((Count + 1) * 2 > _slots.Length)
        {
            Grow();
            slot = ref Locate(text, start, length, out _);
        }

        slot = new Slot { K0 = slot.K0, K1 = slot.K1, Length = length, Spill = length > 16 ? Spill(text.Slice(start, length)) : 0 };
        Count++;
        return ref slot.Count;
    }

    /// <summary>
    /// The key's slot, or (<paramref name="found"/> false) the empty slot where it belongs, holding the
    /// key's inline words already.
    /// </summary>
    private ref Slot Locate(ReadOnlySpan<byte> text, int start, int length, out bool found)
    {
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start);
        var k0 = Unsafe.ReadUnaligned<ulong>(ref at) & Mask(length);
        var k1 = length > 8 ? Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, 8)) & Mask(length - 8) : 0;
        var hash = Mix(Mix(_seed, k0), k1);
        for (var i = 16; i < length; i += 8)
        {
            hash = Mix(hash, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref at, i)) & Mask(length - i));
        }

        hash ^= (ulong)length;
        hash ^= hash >> 29;
        var mask = _slots.Length - 1;
        for (var index = (int)hash & mask; ; index = (index + 1) & mask)
        {
            ref var slot = ref _slots[index];
            if (slot.Length == 0)
            {
                slot.K0 = k0;
                slot.K1 = k1;
                found = false;
                return ref slot;
            }

            if (slot.K0 == k0 && slot.K1 == k1 && slot.Length == length &&
                (length <= 16 || _arena.AsSpan(slot.Spill, length).SequenceEqual(text.Slice(start, length))))
            {
                found = true;
                return ref slot;
            }
        }
    }

    private static ulong Mask(int length) => length >= 8 ? ulong.MaxValue : (1UL << (length * 8)) - 1;

    private static ulong Mix(ulong hash, ulong word) => (BitOperations.RotateLeft(hash, 31) ^ word) * 0x9E3779B97F4A7C15UL;

    private static ReadOnlySpan<byte> Inline(in Slot slot, Span<byte> into)
    {
        MemoryMarshal.Write(into, slot.K0);
        MemoryMarshal.Write(into[8..], slot.K1);
        return into[..slot.Length];
    }

    private int Spill(ReadOnlySpan<byte> key)
    {
        if (_arenaUsed + key.Length + Slack > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + key.Length + Slack));
        }

        key.CopyTo(_arena.AsSpan(_arenaUsed));
        var at = _arenaUsed;
        _arenaUsed += key.Length;
        return at;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        Span<byte> inline = stackalloc byte[16 + Slack];
        foreach (var slot in old)
        {
            if (slot.Length == 0)
            {
                continue;
            }

            // Moved whole: a long key's bytes stay where they are in the arena.
            if (slot.Length <= 16)
            {
                Inline(slot, inline);
                Locate(inline, 0, slot.Length, out _) = slot;
            }
            else
            {
                Locate(_arena, slot.Spill, slot.Length, out _) = slot;
            }
        }
    }

    /// <summary>A key of up to 16 bytes inline (zero-padded), its length (0: empty slot), its count, and a long key's arena offset.</summary>
    private struct Slot
    {
        public ulong K0;
        public ulong K1;
        public long Count;
        public int Length;
        public int Spill;
    }
}
