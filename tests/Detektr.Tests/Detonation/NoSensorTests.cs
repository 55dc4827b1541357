using Detektr.Detonation;
using Detektr.Limits;
using Detektr.Tests.TestSupport;

namespace Detektr.Tests.Detonation;

public sealed class NoSensorTests : IDisposable
{
    private readonly TemporaryDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Without_the_sensor_the_diff_the_exit_status_and_the_limits_still_hold()
    {
        var plain = await Sandboxes.RunShellAsync(_store, "echo x > /tmp/y; exit 4", r => r with { Sensor = SensorKind.None });
        var hog = await Sandboxes.RunShellAsync(_store, "python3 -c 'x = []\nwhile True: x.append(bytearray(8 << 20))'",
            r => r with { Sensor = SensorKind.None, Limits = new RunLimits { MemoryBytes = 48L << 20, WallTime = TimeSpan.FromSeconds(20) } });

        Assert.Empty(plain.Events);
        Assert.Equal(("none", 4), (plain.Manifest.Sensor.Name, plain.ExitCode));
        Assert.Equal("/tmp/y", Assert.Single(plain.Changes).Path);
        Assert.Equal(TerminationReason.MemoryLimit, hog.Reason);
    }
}
