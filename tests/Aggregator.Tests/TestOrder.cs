// This project's classes start longest first (see LongestFirst).
[assembly: TestCollectionOrderer("Aggregator.Tests.Infrastructure.LongestFirst", "Aggregator.Tests")]
