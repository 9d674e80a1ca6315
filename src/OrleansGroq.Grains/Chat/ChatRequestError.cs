namespace OrleansGroq.Grains.Chat;

/// <summary>Why a chat body was refused, in the terms of OpenAI's error object.</summary>
public sealed record ChatRequestError(string Message, string? Param, string Code);
