using Aggregator.Classification;
using Aggregator.Model;

namespace Aggregator.Tests.Classification;

public sealed class ArticleLanguagesTests
{
    [Theory]
    [InlineData("中美贸易谈判在日内瓦举行", "en-US", "zh")]
    [InlineData("OpenRouter 的悖论", "en-US", "zh")]
    [InlineData("突发！Anthropic在全球范围停用Claude 5", "en-US", "zh")]
    [InlineData("[중국 뉴스 브리핑] 2026년 6월 5일", "en-US", "ko")]
    [InlineData("東京でデモ、数千人が参加", "en-US", "ja")]
    [InlineData("Xi meets 习近平 fans in Paris", "en-US", "en")]
    [InlineData("China exports beat forecasts", "en-US", "en")]
    [InlineData("Les exportations chinoises bondissent", "fr-FR", "fr")]
    [InlineData("China exports beat forecasts", "", "en")]
    public void The_script_decides_and_otherwise_the_edition(string headline, string locale, string language)
    {
        Assert.Equal(language, ArticleLanguages.Of(headline, locale));
    }

    [Fact]
    public void A_cjk_character_counts_as_a_word_against_words_in_other_letters()
    {
        Assert.True(Scripts.IsWrittenInCjk("36Kr 直播"));
        Assert.False(Scripts.IsWrittenInCjk("Xinhua 新华 report"));
        Assert.False(Scripts.IsWrittenInCjk(""));
    }
}
