namespace AdminPortal.Audit;

/// <summary>One append-only audit record. Never holds passwords, hashes, codes or cookies.</summary>
public class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int BatchIdLength = 32;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }
    public string? ActorUserName { get; set; }
    public string Action { get; set; } = "";
    public int? TargetId { get; set; }
    public string? TargetUserName { get; set; }

    /// <summary>JSON object of changed fields: {"Email":{"Old":"a@x","New":"b@x"}}.</summary>
    public string? Changes { get; set; }
    public string? ClientAddress { get; set; }
    public bool Succeeded { get; set; }
    public string? Reason { get; set; }

    /// <summary>Shared by the entries of one bulk action (one per account), so the log can show them together.</summary>
    public string? BatchId { get; set; }
}
