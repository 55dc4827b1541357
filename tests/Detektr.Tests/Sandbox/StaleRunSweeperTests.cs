using Detektr.Sandbox;

namespace Detektr.Tests.Sandbox;

public sealed class StaleRunSweeperTests
{
    [Fact]
    public void Layers_left_by_a_dead_process_are_removed_and_live_ones_kept()
    {
        var dead = Directory.CreateDirectory($"/dev/shm/detektr-sweeper-test-dead-{Guid.NewGuid():N}").FullName;
        var live = Directory.CreateDirectory($"/dev/shm/detektr-sweeper-test-live-{Guid.NewGuid():N}").FullName;
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
