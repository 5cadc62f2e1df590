namespace AdminPortal.Limits;

/// <summary>
/// One window of one counter that every instance shares (<see cref="SharedCounters"/>). Times are Unix milliseconds,
/// so both providers compare them as plain integers.
/// </summary>
public class SharedCounter
{
    public const int KeyMaxLength = 100;

    /// <summary>What is counted: a kind and the SHA-256 of what it is counted for (an address, an email, a typed name).</summary>
    public string Key { get; set; } = "";

    public long WindowStart { get; set; }

    public int Count { get; set; }

    /// <summary>After this the row means nothing; the next write to the table deletes it.</summary>
    public long ExpiresAt { get; set; }
}
