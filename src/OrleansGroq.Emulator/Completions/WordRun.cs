using OrleansGroq.Emulator.Determinism;

namespace OrleansGroq.Emulator.Completions;

/// <summary>
/// A run of generated words, defined by its seed and length rather than stored: the same run is
/// replayed token by token for streaming or at once for a full response.
/// </summary>
internal readonly record struct WordRun(ulong Seed, int Count, bool EndsSentence)
{
    /// <summary>Room for any one token: a space, the longest word and a full stop.</summary>
    public static readonly int MaxTokenBytes = WordList.LongestWord + 2;

    public int MaxBytes => Count * MaxTokenBytes;

    public Cursor Start() => new(this);

    /// <summary>Writes the whole run; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var cursor = Start();
        var written = 0;
        while (cursor.TryWriteNext(destination[written..], out var length))
        {
            written += length;
        }

        return written;
    }

    /// <summary>Walks the run one token at a time: a leading space after the first, a capital first, a full stop last.</summary>
    public struct Cursor(WordRun run)
    {
        private DeterministicRandom _random = new(run.Seed);
        private int _index;

        public bool TryWriteNext(Span<byte> destination, out int length)
        {
            length = 0;
            if (_index >= run.Count)
            {
                return false;
            }

            if (_index > 0)
            {
                destination[length++] = (byte)' ';
            }

            var word = WordList.Words[_random.Next(WordList.Words.Length)];
            word.CopyTo(destination[length..]);
            if (_index == 0)
            {
                destination[length] = (byte)char.ToUpperInvariant((char)word[0]);
            }

            length += word.Length;
            _index++;
            if (_index == run.Count && run.EndsSentence)
            {
                destination[length++] = (byte)'.';
            }

            return true;
        }
    }
}
