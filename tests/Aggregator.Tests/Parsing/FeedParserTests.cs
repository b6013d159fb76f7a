using System.Text;
using Aggregator.Parsing;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Parsing;

public sealed class FeedParserTests
{
    private static ParsedFeed ParseOk(string fixture)
    {
        var result = FeedParser.Parse(Fixtures.Feed(fixture));
        Assert.True(result.Error is null, result.Error?.Message);
        return result.Feed!;
    }

    private static FeedParseError ParseError(string fixture) =>
        FeedParser.Parse(Fixtures.Feed(fixture)).Error ?? throw new Xunit.Sdk.XunitException("expected a parse error");

    [Fact]
    public void Google_news_feed_yields_twenty_items_with_headline_outlet_guid_and_date()
    {
        var feed = ParseOk(Fixtures.GoogleNewsUsChina);

        Assert.Equal(20, feed.Items.Count);
        Assert.Equal("en-US", feed.Language);
        var first = feed.Items[0];
        Assert.Equal("China Outlook ’26: “The Damage Is Done” On The Trade Front", first.Headline);
        Assert.Equal("Forbes", first.SourceName);
        Assert.Equal("https://www.forbes.com/", first.SourceUrl);
        Assert.StartsWith("CBMiqwFBVV95cUxPR1ZhaGlGNnlWS1FTc1VxYUJHSlRXQ3hv", first.Guid);
        Assert.StartsWith("https://news.google.com/rss/articles/CBMiqwFBVV95cUxPR1Zh", first.Link);
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 3, 55, 0, TimeSpan.Zero), first.PublishedAt);
        Expect.All(feed.Items, 20, item => Assert.DoesNotContain(" - " + item.SourceName, item.Headline));
        Assert.Contains(feed.Items, item => item.SourceName == "news.cgtn.com");
        Assert.True(feed.IsGoogleNews);
    }

    [Theory]
    [InlineData("en-GB", "en-US", "en-GB")]
    [InlineData(null, "fr", "fr")]
    [InlineData(null, null, ParsedFeed.DefaultLocale)]
    public void The_locale_of_articles_is_the_feeds_edition_then_its_language_then_the_default(string? edition, string? language, string locale)
    {
        Assert.Equal(locale, new ParsedFeed(null, language, null, [], 0).LocaleFor(edition));
    }

    [Theory]
    [InlineData("https://news.google.com/search?q=x", true)]
    [InlineData("https://NEWS.GOOGLE.COM/", true)]
    [InlineData("https://www.news.google.com.evil.example/", false)]
    [InlineData("https://www.reuters.com/", false)]
    [InlineData(null, false)]
    public void Only_a_feed_linking_to_news_google_com_is_google_news(string? link, bool isGoogleNews)
    {
        Assert.Equal(isGoogleNews, new ParsedFeed(null, null, link, [], 0).IsGoogleNews);
    }

    [Fact]
    public void Atom_entries_use_alternate_link_id_and_published_or_updated()
    {
        var feed = ParseOk("atom.xml");

        Assert.Equal("en-GB", feed.Language);
        Assert.Equal("https://www.example-outlet.com/world", feed.Link);
        Assert.Equal(2, feed.Items.Count);
        Assert.Equal(1, feed.ItemsDropped);
        Assert.Equal("Trade talks resume in Geneva & Beijing", feed.Items[0].Headline);
        Assert.Equal("tag:example-outlet.com,2026:trade-talks", feed.Items[0].Guid);
        Assert.Equal(new DateTimeOffset(2026, 1, 11, 18, 30, 0, TimeSpan.Zero), feed.Items[0].PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 11, 22, 0, 0, TimeSpan.Zero), feed.Items[1].PublishedAt);
    }

    [Fact]
    public void Cdata_sections_are_read_as_text_with_markup_removed()
    {
        var item = Assert.Single(ParseOk("cdata.xml").Items);

        Assert.Equal("Chips & sanctions: what changes", item.Headline);
        Assert.Equal("https://www.cdata-outlet.com/chips?id=1&ref=rss", item.Link);
        Assert.Equal("cdata-1", item.Guid);
    }

    [Fact]
    public void Items_without_guid_keep_their_link_and_a_permalink_guid_serves_as_link()
    {
        var feed = ParseOk("missing-guid.xml");

        Assert.Equal(2, feed.Items.Count);
        Assert.Null(feed.Items[0].Guid);
        Assert.Equal("https://www.noguid.example/first", feed.Items[0].Link);
        Assert.Equal("https://www.noguid.example/second", feed.Items[1].Link);
    }

    [Fact]
    public void Google_item_without_source_takes_the_outlet_from_the_last_title_suffix()
    {
        var feed = ParseOk("missing-source.xml");

        Assert.Equal("Beijing - Washington ties thaw", feed.Items[0].Headline);
        Assert.Equal("Reuters", feed.Items[0].SourceName);
        Assert.Null(feed.Items[0].SourceUrl);
        Assert.Equal("A title with no outlet suffix", feed.Items[1].Headline);
        Assert.Null(feed.Items[1].SourceName);
    }

    [Fact]
    public void Odd_dates_are_read_and_unreadable_ones_are_null()
    {
        var dates = ParseOk("bad-dates.xml").Items.Select(i => i.PublishedAt).ToList();

        Assert.Equal(
            [
                new DateTimeOffset(2026, 1, 12, 4, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 12, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 12, 4, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 12, 5, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 12, 6, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 12, 6, 0, 0, TimeSpan.Zero),
                null,
                null,
            ],
            dates);
    }

    [Fact]
    public void Entities_are_decoded_once_or_twice_and_markup_in_titles_stays_text()
    {
        var feed = ParseOk("entities.xml");

        Assert.Equal("Xi's visit: \"A new era\" & more news", feed.Items[0].Headline);
        Assert.Equal("Café talks — alert(1) end", feed.Items[1].Headline);
    }

    [Fact]
    public void Control_characters_are_removed_from_text_even_when_escaped_twice()
    {
        var feed = ParseOk("control-characters.xml");

        Assert.Equal(["Escaped twice into a control character", "Tabs and C1 controls become spaces"], feed.Items.Select(i => i.Headline));
        Assert.Equal(("Controls Daily", "Control characters"), (feed.Items[0].SourceName, feed.Title));
    }

    [Fact]
    public void Links_other_than_http_or_https_drop_the_item()
    {
        var feed = ParseOk("entities.xml");

        Assert.Equal(2, feed.Items.Count);
        Assert.Equal(2, feed.ItemsDropped);
        Assert.All(feed.Items, item => Assert.StartsWith("https://", item.Link));
    }

    [Theory]
    [InlineData("xxe.xml")]
    [InlineData("billion-laughs.xml")]
    public void Documents_with_a_dtd_are_rejected_without_expanding_entities(string fixture)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = ParseError(fixture);

        Assert.Equal(FeedParseErrorKind.DtdProhibited, error.Kind);
        // Expanding the billion laughs would allocate gigabytes; refusing the DTD allocates almost nothing.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "entity expansion allocated memory");
    }

    [Fact]
    public void Rss_0_91_items_are_read_and_an_item_without_a_link_is_dropped()
    {
        var feed = ParseOk("rss-0.91.xml");

        Assert.Equal(("Old Wire — Asia", "en-us", "https://www.old-wire.example/asia", 1), (feed.Title, feed.Language, feed.Link, feed.ItemsDropped));
        var item = Assert.Single(feed.Items);
        Assert.Equal(("Shipping rates ease as port backlog clears", "https://www.old-wire.example/asia/shipping-rates", null), (item.Headline, item.Link, item.PublishedAt));
    }

    [Fact]
    public void Rss_1_0_items_take_their_dublin_core_dates()
    {
        var feed = ParseOk("rss-1.0.xml");

        Assert.Equal(["Rare earth exports resume under new licences", "Chip export rules tightened again"], feed.Items.Select(i => i.Headline));
        Assert.Equal([new DateTimeOffset(2026, 1, 12, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 11, 15, 15, 0, TimeSpan.Zero)], feed.Items.Select(i => i.PublishedAt));
        Assert.Equal("https://www.rdf-daily.example/chips", feed.Items[1].Link);
    }

    [Fact]
    public void A_media_rss_google_item_without_source_takes_its_outlet_from_the_title()
    {
        var item = Assert.Single(ParseOk("media-rss-without-source.xml").Items);

        Assert.Equal(("Envoys meet in Geneva ahead of tariff deadline", "South China Morning Post", null), (item.Headline, item.SourceName, item.SourceUrl));
        Assert.Equal(("media-no-source-1", new DateTimeOffset(2026, 1, 12, 2, 0, 0, TimeSpan.Zero)), (item.Guid, item.PublishedAt));
    }

    [Fact]
    public void Elements_nested_hundreds_deep_are_refused_before_any_feed_library_reads_them()
    {
        Assert.Equal(FeedParseErrorKind.TooDeep, ParseError("deeply-nested.xml").Kind);
    }

    [Fact]
    public async Task A_title_of_four_million_angle_brackets_is_cleaned_in_bounded_time()
    {
        var feed = "<rss version=\"2.0\"><channel><title>t</title><item><title><![CDATA[Headline "
            + new string('<', 4_000_000) + "]]></title><link>https://example.org/a</link></item></channel></rss>";
        var bytes = Encoding.UTF8.GetBytes(feed);

        // A guard, not a measurement: stripping tags from each "<" again took minutes at this size.
        var item = Assert.Single((await Task.Run(() => FeedParser.Parse(bytes)).WaitAsync(TimeSpan.FromSeconds(30))).Feed!.Items);

        Assert.StartsWith("Headline <<<", item.Headline);
    }

    [Fact]
    public void A_feed_of_many_batches_keeps_every_item_in_its_order()
    {
        // Items reach CodeHollow a few hundred at a time: 1,201 of them cross several batch boundaries.
        var items = string.Concat(Enumerable.Range(0, 1_201).Select(i =>
            $"<item><title>Headline {i} - Outlet {i % 7}</title><link>https://news.google.com/rss/articles/a{i}</link>"
            + $"<guid isPermaLink=\"false\">a{i}</guid><pubDate>Mon, 12 Jan 2026 03:55:00 GMT</pubDate>"
            + $"<source url=\"https://outlet{i % 7}.example\">Outlet {i % 7}</source></item>"));
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
            + $"<title>t - Google News</title><link>https://news.google.com/search?q=t</link><language>en-US</language>{items}</channel></rss>";

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml)).Feed!;

        Assert.Equal(1_201, feed.Items.Count);
        Assert.Equal(Enumerable.Range(0, 1_201).Select(i => $"a{i}"), feed.Items.Select(i => i.Guid));
        Assert.Equal(("Headline 1200", "Outlet 3", "https://outlet3.example/"), (feed.Items[^1].Headline, feed.Items[^1].SourceName, feed.Items[^1].SourceUrl));
        Assert.All(feed.Items, item => Assert.Equal(new DateTimeOffset(2026, 1, 12, 3, 55, 0, TimeSpan.Zero), item.PublishedAt));
        Assert.Equal(("t - Google News", "en-US", 0), (feed.Title, feed.Language, feed.ItemsDropped));
    }

    [Fact]
    public void Channel_elements_after_the_items_still_describe_the_feed()
    {
        // Items are read before the channel is: its link (Google News or not) and language must still apply to all of them.
        var items = string.Concat(Enumerable.Range(0, 600).Select(i =>
            $"<item><title>Headline {i} - Outlet</title><link>https://news.google.com/rss/articles/b{i}</link></item>"));
        var xml = $"<rss version=\"2.0\"><channel>{items}<title>late</title><link>https://news.google.com/search?q=late</link><language>fr</language></channel></rss>";

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml)).Feed!;

        Assert.Equal(600, feed.Items.Count);
        Assert.True(feed.IsGoogleNews);
        Assert.Equal(("late", "fr"), (feed.Title, feed.Language));
        Assert.All(feed.Items, item => Assert.Equal(("Outlet", false), (item.SourceName, item.Headline.EndsWith(" - Outlet", StringComparison.Ordinal))));
    }

    [Fact]
    public void Parsing_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => FeedParser.Parse(Fixtures.Feed(Fixtures.GoogleNewsUsChina), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Truncated_xml_is_malformed_with_its_position()
    {
        var error = ParseError("truncated.xml");

        Assert.Equal(FeedParseErrorKind.Malformed, error.Kind);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void An_html_page_is_reported_as_such()
    {
        Assert.Equal(FeedParseErrorKind.HtmlPage, ParseError("html-page.html").Kind);
    }

    [Fact]
    public void Xml_that_is_neither_rss_nor_atom_is_an_unknown_format()
    {
        Assert.Equal(FeedParseErrorKind.UnknownFormat, ParseError("not-a-feed.xml").Kind);
    }

    [Fact]
    public void An_empty_feed_is_a_feed_with_no_items_and_an_empty_body_is_an_error()
    {
        Assert.Empty(ParseOk("empty-feed.xml").Items);
        Assert.Equal(FeedParseErrorKind.Empty, FeedParser.Parse(Encoding.UTF8.GetBytes("  \n ")).Error?.Kind);
    }

    [Fact]
    public void A_body_over_the_limit_is_rejected_without_parsing()
    {
        var body = new byte[20 * 1024 * 1024];
        body.AsSpan().Fill((byte)' ');

        var error = FeedParser.Parse(body, maxBytes: 5 * 1024 * 1024).Error;

        Assert.Equal(FeedParseErrorKind.TooLarge, error?.Kind);
    }

    [Theory]
    [InlineData("wrong-encoding.xml", "Café diplomacy in São Paulo")]
    [InlineData("iso-8859-1.xml", "Café diplomacy in São Paulo")]
    [InlineData("gb2312.xml", "中美关系新闻")]
    public void Declared_and_mislabelled_encodings_decode_to_the_right_text(string fixture, string headline)
    {
        Assert.Equal(headline, Assert.Single(ParseOk(fixture).Items).Headline);
    }
}
