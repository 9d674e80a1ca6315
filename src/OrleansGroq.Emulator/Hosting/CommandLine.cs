using System.Globalization;
using System.Net;

namespace OrleansGroq.Emulator.Hosting;

/// <summary>The standalone emulator's arguments: <c>--port N [--host ADDRESS] [--config FILE] [--profile zero|realistic]</c>.</summary>
internal sealed record CommandLine(int Port, IPAddress Host, string? ConfigPath, string? Profile)
{
    public const string Usage = "usage: OrleansGroq.Emulator --port N [--host 127.0.0.1] [--config emulator.json] [--profile zero|realistic]";

    /// <exception cref="ArgumentException">An argument is unknown or has a bad value.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var port = 9100;
        var host = IPAddress.Loopback;
        string? config = null;
        string? profile = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
                        ? p
                        : throw new ArgumentException($"--port must be 0..65535, not '{value}'.");
                    break;
                case "--host":
                    host = IPAddress.TryParse(value, out var address) ? address : throw new ArgumentException($"--host must be an IP address, not '{value}'.");
                    break;
                case "--config":
                    config = value;
                    break;
                case "--profile":
                    profile = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{name}'.");
            }
        }

        return new CommandLine(port, host, config, profile);
    }
}
