using OrleansGroq.Emulator.Hosting;

return await StandaloneEmulator.RunAsync(args);
