namespace Aggregator.Replay;

public static class ReplayServiceCollectionExtensions
{
    public static IServiceCollection AddReplay(this IServiceCollection services) => services.AddScoped<DayByDayReplay>();
}
