using Aggregator.Digests;

namespace Aggregator.Tests.Digests;

public sealed class StoryClustererTests
{
    [Fact]
    public void Headlines_sharing_key_terms_form_one_story_and_unrelated_ones_stay_apart()
    {
        var clusters = StoryClusterer.Cluster(
        [
            new(1, "Japan sets sail on rare earth hunt as China tightens supplies"),
            new(2, "Japan launches world’s first mission to lift rare earth from deep sea"),
            new(3, "US to host meeting on rare earths as China-Japan spat simmers"),
            new(4, "Economy remains stable, resilience set to persist"),
        ]);

        Assert.Equal([[1L, 2L, 3L], [4L]], clusters.Select(c => c.ToArray()).ToArray());
    }
}
