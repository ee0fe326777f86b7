namespace DistSys.Jobs.Operations;

/// <summary>What an operation's partitions carry, which decides the inputs a config may give.</summary>
internal enum OperationInput
{
    /// <summary>Numbers: inline <c>data</c>, a <c>range</c>, or a <c>file</c> of numbers; default the integers 1..10×task_count.</summary>
    Numbers,

    /// <summary>Lines of text: inline <c>text</c>, or input files by reference (<c>file</c>, <c>files</c>, <c>dir</c>); no default.</summary>
    Text,

    /// <summary>NDJSON records (one object a line): inline <c>text</c> or input files by reference; the format is always <c>ndjson</c>.</summary>
    Records,

    /// <summary>No data: each task only runs (the <c>sleep</c> operation).</summary>
    None,
}
