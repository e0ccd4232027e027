using System.Reflection;
using System.Runtime.InteropServices;

namespace BridgeStream.Embedded.Kafka;

/// <summary>
/// P/Invoke into librdkafka for the mock cluster API, which Confluent.Kafka does not expose.
/// The import resolver binds to the same shared object Confluent.Kafka loads (same file, so dlopen hands back
/// the same copy): librdkafka.redist's <c>librdkafka</c> first, then <c>centos8-librdkafka</c>, which is what
/// loads on Debian 12 where the default build lacks libsasl2.so.3.
/// </summary>
internal static partial class LibRdKafkaNative
{
    private const string LibraryName = "librdkafka";

    /// <summary>Candidate file names in the order Confluent.Kafka itself tries them.</summary>
    private static readonly string[] CandidateNames = ["librdkafka", "centos8-librdkafka"];

    private static readonly Lock Gate = new();
    private static bool resolverInstalled;

    public const int ProducerType = 0;
    public const int ConfOk = 0;
    public const int NoError = 0;
    public const int TopicAlreadyExists = 36;

    /// <summary>Installs the import resolver; must run before the first native call. Idempotent.</summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (resolverInstalled)
            {
                return;
            }

            try
            {
                NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaNative).Assembly, Resolve);
            }
            catch (InvalidOperationException ex)
            {
                // Only one resolver per assembly is allowed; another component of this assembly claimed it first.
                throw new InvalidOperationException(
                    "Cannot install the librdkafka import resolver: the BridgeStream assembly already has a DllImport resolver. " +
                    "Route librdkafka through the existing resolver.", ex);
            }

            resolverInstalled = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        var failures = new List<string>();
        foreach (var path in CandidatePaths())
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                return NativeLibrary.Load(path);
            }
            catch (DllNotFoundException ex)
            {
                failures.Add($"{path}: {ex.Message}");
            }
        }

        foreach (var name in CandidateNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            "librdkafka could not be loaded (tried librdkafka, centos8-librdkafka from librdkafka.redist's runtimes folder). " +
            (failures.Count > 0 ? "Failures: " + string.Join("; ", failures) : "No candidate file found next to the application."));
    }

    /// <summary>Where librdkafka.redist puts the library: runtimes/RID/native for a framework-dependent app, the app folder when published for a RID.</summary>
    private static IEnumerable<string> CandidatePaths()
    {
        var baseDir = AppContext.BaseDirectory;
        var nativeDir = Path.Combine(baseDir, "runtimes", PortableRuntimeIdentifier(), "native");
        foreach (var name in CandidateNames)
        {
            var fileName = name + NativeFileExtension();
            yield return Path.Combine(nativeDir, fileName);
            yield return Path.Combine(baseDir, fileName);
        }
    }

    private static string PortableRuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}-{arch}";
    }

    private static string NativeFileExtension() =>
        OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";

    /// <summary>librdkafka's text for an rd_kafka_resp_err_t.</summary>
    public static string ErrorText(int code) => Marshal.PtrToStringUTF8(rd_kafka_err2str(code)) ?? $"error {code}";

    [LibraryImport(LibraryName)]
    internal static partial IntPtr rd_kafka_err2str(int err);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(LibraryName)]
    internal static unsafe partial IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_partition_set_leader(IntPtr cluster, string topic, int partition, int brokerId);

    [LibraryImport(LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_set_controller_id(IntPtr cluster, int brokerId);

    [LibraryImport(LibraryName)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);
}
