namespace OrleansGroq.Abstractions.Quota;

/// <summary>How a reservation ended.</summary>
public enum ReservationStatus
{
    /// <summary>The request and its tokens are held: send the request, then settle or release the reservation.</summary>
    Granted,

    /// <summary>The budget is short now; <see cref="Reservation.RetryAfter"/> says when it will have refilled enough.</summary>
    Exhausted,

    /// <summary>More tokens than the token buckets (less the batch reserve, for batch work) can ever hold: Groq would answer 413.</summary>
    TooLarge,

    /// <summary>
    /// The shared buckets could not be reached and this node's slice was short. Nothing is held; the caller treats
    /// it as <see cref="Exhausted"/> until <see cref="Reservation.RetryAfter"/>, since sending unaccounted would
    /// spend budget Groq may not have.
    /// </summary>
    Unavailable,
}
