using System.Buffers;

namespace DistSys.Plugins.Sdk;

/// <summary>
/// Runs one operation: reads the request from <paramref name="input"/> (valid only during the call: it
/// points into the shared ring) and writes the response to <paramref name="output"/>. Throwing answers
/// the caller with an operation failure carrying the exception's message.
/// </summary>
public delegate void OperationHandler(ReadOnlySpan<byte> input, IBufferWriter<byte> output);
