using Aggregator.Extraction;
using Aggregator.Model;

namespace Aggregator.Tests.Extraction;

public sealed class PageTextOutcomeTests
{
    private static readonly string Sentence = "Negotiators from both countries met again on Tuesday to discuss export controls and tariffs. ";

    private static ExtractedArticle Words(int sentences) =>
        new(Enumerable.Range(0, sentences).Select(_ => Sentence.Trim()).ToList());

    [Fact]
    public void A_page_with_an_articles_worth_of_text_is_read()
    {
        var (status, failure) = PageTextOutcome.Of("<html><body>…</body></html>", Words(6));

        Assert.Equal((ArticleTextStatuses.Fetched, null), (status, failure));
    }

    [Fact]
    public void A_subscription_offer_where_the_article_would_be_is_a_paywall_and_a_short_page_without_one_has_no_text()
    {
        var offer = PageTextOutcome.Of("<div class=\"wall\">Subscribe to continue reading. Already a subscriber?</div>", Words(2));
        var stub = PageTextOutcome.Of("<p>Photo gallery</p>", Words(2));

        Assert.Equal(ArticleTextStatuses.Paywall, offer.Status);
        Assert.Contains("28 words", offer.Failure);
        Assert.Equal(ArticleTextStatuses.NoText, stub.Status);
    }

    [Fact]
    public void Structured_data_that_says_the_article_is_not_free_marks_a_teaser_as_a_paywall_but_not_a_full_text()
    {
        const string notFree = "<script type=\"application/ld+json\">{\"isAccessibleForFree\": \"False\"}</script>";

        Assert.Equal(ArticleTextStatuses.Paywall, PageTextOutcome.Of(notFree, Words(6)).Status);
        Assert.Equal(ArticleTextStatuses.Fetched, PageTextOutcome.Of(notFree, Words(12)).Status);
    }
}
