/// What a line of a chat is, as far as billing cares.
public enum MessageKind: String, Sendable, Codable, CaseIterable {
    /// Something a person wrote.
    case text
    /// A photo, document, voice note… sent by a person (also "media omitted" placeholders).
    case attachment
    /// A call event (a missed call, a call with a duration) by a person.
    case call
    /// A message its sender deleted; the person was still there at that time.
    case deleted
    /// A line the app wrote (encryption notice, "X added Y", security-code change): never opens
    /// or extends a session.
    case system
    /// A remote-control connection the provider had with the client's machine (TeamViewer,
    /// AnyDesk): work for `Message.seconds`, whoever the log names.
    case remote

    /// Whether this is something a participant did, as opposed to a line the app wrote.
    public var isParticipantActivity: Bool { self != .system }
}
