// This project's classes start longest first (see LongestFirst). The attribute lives here, not beside the orderer:
// Infrastructure/ is compiled into the browser tests too, whose assembly has no such type.
[assembly: TestCollectionOrderer("Aggregator.Tests.Infrastructure.LongestFirst", "Aggregator.Tests")]
