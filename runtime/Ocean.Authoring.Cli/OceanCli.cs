using System.Reflection;
using System.Runtime.ExceptionServices;
using Ocean.Authoring.Cli.Jq;

namespace Ocean.Authoring.Cli;

/// <summary>The <c>ocean</c> command: dispatches to its subcommands (today <c>ocean jq</c>).</summary>
public static class OceanCli
{
    /// <summary>The stack the commands run on: deep jq recursion then ends in a clean error, not a crash.</summary>
    public const int StackSize = 256 * 1024 * 1024;

    /// <summary>The process entry point.</summary>
    public static int Main(string[] args) => Run(args, CliConsole.System());

    /// <summary>Runs <c>ocean ARGS</c> against <paramref name="console"/> and returns the exit code (0–255, as the process would exit).</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        var code = 0;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    code = Dispatch(args, console);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            StackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return code & 0xFF;
    }

    /// <summary>The Ocean.Authoring version this tool was built from.</summary>
    public static string ProductVersion
    {
        get
        {
            var info = typeof(OceanCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (info is null)
            {
                return typeof(OceanCli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            }

            var plus = info.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? info : info.Substring(0, plus);
        }
    }

    private static int Dispatch(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            var text = Usage();
            if (args.Count == 0)
            {
                console.WriteError(text);
                return 2;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            console.Output.Write(bytes, 0, bytes.Length);
            console.Output.Flush();
            return 0;
        }

        if (args[0] is "--version" or "-V")
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"ocean {ProductVersion}\n");
            console.Output.Write(bytes, 0, bytes.Length);
            console.Output.Flush();
            return 0;
        }

        if (args[0] == "jq")
        {
            return JqCommand.Run(args.Skip(1).ToList(), console);
        }

        if (args[0] == "port")
        {
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            EventHandler onExit = (_, _) => stop.Cancel();
            Console.CancelKeyPress += onCancel;
            AppDomain.CurrentDomain.ProcessExit += onExit;
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                System.Runtime.InteropServices.PosixSignal.SIGTERM,
                ctx =>
                {
                    ctx.Cancel = true;
                    stop.Cancel();
                });
            try
            {
                return Port.PortServeCommand.RunAsync(args.Skip(1).ToList(), console, stop.Token).GetAwaiter().GetResult();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                AppDomain.CurrentDomain.ProcessExit -= onExit;
            }
        }

        console.WriteError($"ocean: unknown command '{args[0]}'\n\n{Usage()}");
        return 2;
    }

    private static string Usage() =>
        "Usage: ocean <command> [arguments]\n\n"
        + "Commands:\n"
        + "  jq      a drop-in for the jq 1.8 program (ocean jq --help)\n"
        + "  port    Local Port, a Port API server with a browser view, for running integrations locally (ocean port --help)\n\n"
        + "Options:\n"
        + "  -h, --help     show this help\n"
        + "  -V, --version  show the version\n";
}
