using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Verwerving.Import;

/// <summary>
/// Runs jobs on one background thread, at most <c>capacity</c> ahead of the consumer, and hands over their
/// results in order. The importer parses the next messages this way while the database writes the current one.
/// </summary>
internal sealed class ReadAhead<T> : IDisposable
{
    private readonly BlockingCollection<T> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private ExceptionDispatchInfo? _failure;

    public ReadAhead(IEnumerable<Func<T>> jobs, int capacity = 16)
    {
        _queue = new BlockingCollection<T>(capacity);
        _worker = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var job in jobs) _queue.Add(job(), _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The consumer stopped early; nobody waits for the rest.
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                _queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The results in job order; a failure of the jobs' enumeration itself is rethrown after the results before it.</summary>
    public IEnumerable<T> Items
    {
        get
        {
            foreach (var item in _queue.GetConsumingEnumerable()) yield return item;
            _failure?.Throw();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _worker.Wait();
        _queue.Dispose();
        _stop.Dispose();
    }
}
