namespace Aggregator.Model;

/// <summary>
/// What a topic's settings may be: the one home of these rules. The topic form's annotations read them (so the browser
/// and the server check the same bounds), and <see cref="TopicSettings.Problems"/> applies them before anything is stored.
/// </summary>
public static class TopicLimits
{
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public const int MaxSlugLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxSideNameLength = 100;
    public const int MinPerSideQuota = 1, MaxPerSideQuota = 50;
    public const int MinDigestHour = 0, MaxDigestHour = 23;
    public const int MinFetchIntervalMinutes = 5, MaxFetchIntervalMinutes = 1440;
    public const int MinBlindspotArticles = 1, MaxBlindspotArticles = 100;
    public const int MinBlindspotOutlets = 1, MaxBlindspotOutlets = 50;
    public const string LanguagePattern = "^[a-z]{2}$";
    public const int MaxLanguages = 10;
    public const int MaxLanguagesLength = 60;
}
