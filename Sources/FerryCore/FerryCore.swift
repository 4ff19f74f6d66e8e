/// Ferry's pure core: semantic versions and ranges, tag policies and filters, image
/// references, the Go-compatible regular expressions they rely on, and the Git rules of an
/// automation (checkout references, push branches, revisions) with the ``GitWorkspace`` port.
///
/// Nothing in this module touches files, the network, processes or clocks; callers pass
/// values in and get values out.
public enum FerryCore {
    /// The Ferry release this build belongs to.
    public static let version = "0.1.0"
}
