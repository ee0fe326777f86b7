namespace DistSys.Jobs.Operations;

/// <summary>
/// An operation that exists in several versions (a plugin's): a job pins one with
/// <c>"operation": "NAME@VERSION"</c> (<c>plugin:wordfreq@2</c>), and <see cref="OperationRegistry.TryGet"/> asks the
/// registered operation for that version instead of whichever is active.
/// </summary>
internal interface IVersionedOperation : IJobOperation
{
    /// <summary>This operation restricted to <paramref name="version"/>: its attempts fail while another version serves.</summary>
    IJobOperation WithVersion(string version);
}
