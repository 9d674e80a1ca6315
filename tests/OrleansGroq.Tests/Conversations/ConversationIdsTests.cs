using Microsoft.Extensions.Time.Testing;
using OrleansGroq.Grains.Conversations;

namespace OrleansGroq.Tests.Conversations;

public sealed class ConversationIdsTests
{
    [Fact]
    public void New_ids_are_valid_unique_and_sort_by_creation_time()
    {
        var clock = new FakeTimeProvider();
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            ids.Add(ConversationIds.New(clock));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.All(ids, id => Assert.True(ConversationIds.IsValid(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("conv_")]
    [InlineData("conv_0123456789abcdefghjkmnpqr")]
    [InlineData("conv_0123456789abcdefghjkmnpqrst")]
    [InlineData("conv_0123456789ABCDEFGHJKMNPQRS")]
    [InlineData("chat_0123456789abcdefghjkmnpqrs")]
    [InlineData("conv_0123456789abcdefghjkmnpq'; drop")]
    public void Anything_else_is_not_a_conversation_id(string? id) => Assert.False(ConversationIds.IsValid(id));

    [Fact]
    public void A_well_formed_id_is_valid() => Assert.True(ConversationIds.IsValid("conv_0123456789abcdefghjkmnpqrs"));
}
