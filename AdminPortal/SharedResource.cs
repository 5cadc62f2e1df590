namespace AdminPortal;

/// <summary>
/// Marker for the one shared resource set (Resources/SharedResource.{culture}.resx). Every user-visible text is
/// looked up through it with its English text as the key, so adding a language is adding a resource file.
/// </summary>
public sealed class SharedResource;
