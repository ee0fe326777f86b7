using System.Data.Common;
using System.Text.RegularExpressions;

namespace DistSys.Jobs.Storage;

/// <summary>Applying a batch: one prepared statement per distinct SQL text, one transaction per batch.</summary>
internal abstract partial class JobStore
{
    private readonly Dictionary<string, DbCommand> _commands = [];
    private readonly Dictionary<string, int> _done = new(StringComparer.Ordinal);

    /// <summary>Applies every write of <paramref name="batch"/> in one transaction; each job's done_count grows by its accepted completions.</summary>
    public void Apply(StoreBatch batch) => Write(batch, static (store, transaction, batch) => store.ApplyLocked(transaction, batch));

    private void ApplyLocked(DbTransaction transaction, StoreBatch batch)
    {
        _done.Clear(); // a batch that failed half-way (disk full) is applied again from the start
        foreach (var write in batch.Writes)
        {
            var changed = Run(write.Sql, transaction, write);
            if (write is CompleteTask complete && changed == 1)
            {
                if (complete.MapOutput is null && System.Text.Encoding.UTF8.GetByteCount(complete.Result) > InlineBytes)
                {
                    // Written (and flushed) before the commit: a task shown completed has its part on disk.
                    var part = new CompletePart(complete.JobId, complete.Index, complete.Attempt, complete.WorkerId,
                        Parts.Write(complete.JobId, complete.Index, complete.Result), complete.CompletedAt, complete.ClaimedAt);
                    Run(part.Sql, transaction, part);
                }
                else
                {
                    Run(complete.MapOutput is null ? CompleteTask.ResultSql : CompleteTask.MapOutputSql, transaction, write);
                }

                _done[complete.JobId] = _done.GetValueOrDefault(complete.JobId) + 1;
            }
        }

        foreach (var (jobId, count) in _done)
        {
            var done = new AddDone(jobId, count);
            Run(done.Sql, transaction, done);
        }

        _done.Clear();
    }

    private int Run(string sql, DbTransaction transaction, StoreWrite write)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        write.Bind(command.Parameters);
        return command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"@[a-z]+")]
    private static partial Regex ParameterName();

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
