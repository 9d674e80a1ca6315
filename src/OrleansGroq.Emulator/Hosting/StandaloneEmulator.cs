using System.Runtime.InteropServices;

namespace OrleansGroq.Emulator.Hosting;

/// <summary>Runs the emulator as its own process until Ctrl+C or SIGTERM.</summary>
internal static class StandaloneEmulator
{
    public static async Task<int> RunAsync(string[] args)
    {
        EmulatorHost host;
        try
        {
            var commandLine = CommandLine.Parse(args);
            var options = commandLine.ConfigPath is null ? new EmulatorOptions() : EmulatorOptions.Load(commandLine.ConfigPath);
            if (commandLine.Profile is not null)
            {
                options.TimeProfile = commandLine.Profile;
            }

            host = await EmulatorHost.StartAsync(options, TimeProvider.System, commandLine.Host, commandLine.Port, CancellationToken.None);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{CommandLine.Usage}");
            return 2;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (IOException ex)
        {
            // Kestrel reports a port in use this way.
            await Console.Error.WriteLineAsync($"Cannot listen: {ex.Message}");
            return 1;
        }

        await using (host)
        {
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            Console.WriteLine($"OrleansGroq.Emulator listening on {host.BaseAddress}");
            await stopped.Task;
            return 0;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stopped.TrySetResult();
            }
        }
    }
}
