using Aggregator.Model;
using Aggregator.Topics;

namespace Aggregator.Tests.Topics;

/// <summary>The topic rules <c>TopicEditor</c> applies, checked without HTTP or a database.</summary>
public sealed class TopicSettingsTests
{
    [Fact]
    public void Topic_settings_outside_the_limits_are_refused_each_with_its_reason()
    {
        var good = new TopicSettings("eu-china", "EU vs China", "Europe", "China", 10, 4, 30, true, true, 3, 2, ["en", "zh"]);
        var bad = good with { Slug = "Not A Slug", PerSideQuota = TopicLimits.MaxPerSideQuota + 1, DigestHourUtc = 24, Languages = ["english"] };

        Assert.Empty(good.Problems());
        var problems = bad.Problems();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("the slug must be", StringComparison.Ordinal));
        Assert.Contains($"articles per side must be between {TopicLimits.MinPerSideQuota} and {TopicLimits.MaxPerSideQuota}", problems);
        Assert.Contains("the digest hour must be between 0 and 23", problems);
        Assert.Contains(problems, p => p.StartsWith("the digest languages must be", StringComparison.Ordinal));
        Assert.Equal(["en", "zh"], TopicSettings.LanguageCodes(" EN, zh;en "));
    }
}
