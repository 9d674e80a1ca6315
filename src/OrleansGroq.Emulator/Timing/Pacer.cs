using OrleansGroq.Emulator.Models;

namespace OrleansGroq.Emulator.Timing;

/// <summary>
/// Waits as the <c>realistic</c> time profile asks: queue time plus time to first token before the
/// first byte, then the model's speed per token. Under <c>zero</c> there is no pacer at all.
/// </summary>
internal sealed class Pacer
{
    // Timers are coarse; waiting for less than this costs more than it shapes.
    private static readonly TimeSpan SmallestWait = TimeSpan.FromMilliseconds(2);

    private readonly TimeProvider _time;
    private readonly TimeSpan _firstByte;
    private readonly double _secondsPerToken;
    private long _firstTokenAt;

    public Pacer(ModelInfo model, TimeProvider time)
    {
        _time = time;
        _firstByte = model.QueueTime + model.TimeToFirstToken;
        _secondsPerToken = 1 / model.Options.Speed;
        _firstTokenAt = time.GetTimestamp();
    }

    public async Task BeforeFirstByteAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(_firstByte, _time, cancellationToken);
        _firstTokenAt = _time.GetTimestamp();
    }

    /// <summary>How long to wait before token <paramref name="index"/> (0-based) keeps the model's speed; zero when due.</summary>
    public TimeSpan BeforeToken(int index)
    {
        var due = TimeSpan.FromSeconds(index * _secondsPerToken) - _time.GetElapsedTime(_firstTokenAt);
        return due >= SmallestWait ? due : TimeSpan.Zero;
    }

    /// <summary>The whole wait of a non-streamed answer of <paramref name="tokens"/> tokens.</summary>
    public TimeSpan WholeResponse(int tokens) => _firstByte + TimeSpan.FromSeconds(tokens * _secondsPerToken);
}
