namespace DistSys.Runtime.Distribution.Internal;

/// <summary>The wire types every node knows: strings, primitives and the node's own control messages (tags 1-99).</summary>
internal static class BuiltInTypes
{
    public const int String = 1;
    public const int Int32 = 2;
    public const int Int64 = 3;
    public const int Double = 4;
    public const int Boolean = 5;
    public const int Pid = 6;
    public const int GlobalRequest = 10;
    public const int CallFault = 11;
    public const int PeerUnreachable = 12;

    public static void RegisterAll(MessageTypes types)
    {
        types.Add(new MessageTypeEntry<string>(String));
        types.Add(new MessageTypeEntry<int>(Int32));
        types.Add(new MessageTypeEntry<long>(Int64));
        types.Add(new MessageTypeEntry<double>(Double));
        types.Add(new MessageTypeEntry<bool>(Boolean));
        types.Add(new MessageTypeEntry<Runtime.Pid>(Pid));
        types.Add(new MessageTypeEntry<GlobalRequest>(GlobalRequest));
        types.Add(new MessageTypeEntry<CallFault>(CallFault));
        types.Add(new MessageTypeEntry<PeerUnreachable>(PeerUnreachable));
    }
}
