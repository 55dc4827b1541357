using Detektr.Sandbox;

namespace Detektr.Tests.Sandbox;

public sealed class StaleRunSweeperTests
{
    [Fact]
    public void Layers_left_by_a_dead_process_are_removed_and_live_ones_kept()
    {
        Directory.CreateDirectory(StaleRunSweeper.SharedMemoryRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dead = Directory.CreateDirectory($"{StaleRunSweeper.SharedMemoryRoot}/sweeper-test-dead-{Guid.NewGuid():N}").FullName;
        var live = Directory.CreateDirectory($"{StaleRunSweeper.SharedMemoryRoot}/sweeper-test-live-{Guid.NewGuid():N}").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dead, StaleRunSweeper.OwnerFile), "4194303 12345\n");
            StaleRunSweeper.ClaimScratch(live);

            StaleRunSweeper.Sweep(HostEnvironment.Current);

            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(live));
        }
        finally
        {
            foreach (var directory in new[] { dead, live })
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }
    }
}
