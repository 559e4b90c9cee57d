namespace Verwerving.Domain;

/// <summary>A domain invariant or guard refused an operation. The message is Dutch, for the user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>Input that cannot be used (bad file, unknown option, malformed value). Exit code 2.</summary>
public class InputException(string message) : Exception(message);
