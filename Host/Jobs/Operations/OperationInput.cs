namespace DistSys.Jobs.Operations;

/// <summary>What an operation's partitions carry, which decides the inputs a config may give.</summary>
internal enum OperationInput
{
    /// <summary>Numbers: inline <c>data</c>, a <c>range</c>, or a <c>file</c> of numbers; default the integers 1..10×task_count.</summary>
    Numbers,

    /// <summary>Lines of text: inline <c>text</c> or a <c>file</c>; no default.</summary>
    Text,

    /// <summary>No data: each task only runs (the <c>sleep</c> operation).</summary>
    None,
}
