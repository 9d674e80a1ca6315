namespace OrleansGroq.Grains.Chat;

/// <summary>A message's <c>content</c> as its role is judged against it: its kind, how many parts, and the index of the first image part.</summary>
internal readonly record struct ContentShape(ContentKind Kind, int Parts, int? FirstImage);
