namespace OrleansGroq.IntegrationTests.Client.Http;

/// <summary>A request as <see cref="RecordingHandler"/> saw it leave: headers by lower-case name.</summary>
internal sealed record SentRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
