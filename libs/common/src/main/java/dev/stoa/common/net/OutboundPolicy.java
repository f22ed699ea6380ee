package dev.stoa.common.net;

import dev.stoa.common.error.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SSRF guard for every URL the platform calls on a tenant's behalf. Cloud metadata services are always refused;
 * loopback only when {@code allowLoopback} (the embedded default: models on the developer's machine); other internal
 * addresses (private, unique-local, CGNAT, link-local, unspecified, multicast, reserved) only when
 * {@code allowPrivateNetworks} (self-hosted models on a private network). IPv4 addresses hidden in IPv6 ones
 * (IPv4-mapped and -compatible, NAT64, 6to4, Teredo) are judged as the IPv4 address they reach.
 *
 * <p>{@link #checkUrl} vets a URL when it is registered; the HTTP clients vet every address again when they connect
 * ({@link #refusal}), so a name that resolves differently later (DNS rebinding) gains nothing.
 */
public record OutboundPolicy(boolean allowLoopback, boolean allowPrivateNetworks) {
    /** Public addresses only: the production default. */
    public static final OutboundPolicy PUBLIC_ONLY = new OutboundPolicy(false, false);
    /** Public addresses and this machine's loopback: the embedded default. */
    public static final OutboundPolicy LOOPBACK = new OutboundPolicy(true, false);

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata");
    private static final Set<String> METADATA_ADDRESSES = Set.of(
            "169.254.169.254", // AWS, GCP, Azure, OpenStack IMDS
            "169.254.170.2", // ECS task metadata
            "169.254.170.23", // EKS pod identity agent
            "100.100.100.200", // Alibaba Cloud
            "168.63.129.16", // Azure wire server
            "fd00:ec2:0:0:0:0:0:254", // AWS IMDS over IPv6
            "fd00:ec2:0:0:0:0:0:23"); // EKS pod identity agent over IPv6

    /** Which addresses this policy admits, for the start-up log. */
    public String describe() {
        if (allowPrivateNetworks) {
            return "public, private-network and loopback addresses (never cloud metadata services)";
        }
        return allowLoopback
                ? "public addresses and this machine's loopback only (never other private networks or metadata)"
                : "public addresses only";
    }

    /** Why {@code address} may not be called, or null when it may. */
    public @Nullable String refusal(InetAddress address) {
        for (InetAddress candidate : reached(address)) {
            if (METADATA_ADDRESSES.contains(candidate.getHostAddress())) {
                return "points at a cloud metadata service";
            }
            if (candidate.isLoopbackAddress()) {
                if (!allowLoopback && !allowPrivateNetworks) {
                    return "points at a loopback address; only public addresses are allowed";
                }
            } else if (internal(candidate) && !allowPrivateNetworks) {
                return "points at a private, link-local or reserved address; private networks are not allowed";
            }
        }
        return null;
    }

    /**
     * Vets a URL: http(s) only, no userinfo, and every address its host resolves to admitted. Throws
     * {@code InvalidInputException(field, ...)} otherwise.
     */
    public void checkUrl(String url, String field) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw refuse(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refuse(field, "must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw refuse(field, "must not contain credentials; pass the key as the API key");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw refuse(field, "has no valid host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (METADATA_HOSTS.contains(host)) {
            throw refuse(field, "points at a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw refuse(field, "host does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                throw refuse(field, why);
            }
        }
    }

    /** Whether an address is not on the public internet (loopback included). */
    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        return (b[0] & 0xfe) == 0xfc // unique local fc00::/7
                || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0); // deprecated site-local fec0::/10
    }

    /** The address itself and every IPv4 address it carries (and so reaches) inside an IPv6 one. */
    static List<InetAddress> reached(InetAddress address) {
        List<InetAddress> reached = new ArrayList<>();
        reached.add(address);
        if (!(address instanceof Inet6Address)) {
            return reached;
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        // ::1 and :: are loopback and unspecified themselves, not IPv4-compatible addresses
        boolean compatible =
                zeroPrefix && b[10] == 0 && b[11] == 0 && !address.isLoopbackAddress() && !address.isAnyLocalAddress();
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            reached.add(ipv4(b[12], b[13], b[14], b[15]));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4 2002:V4ADDR::/48
            reached.add(ipv4(b[2], b[3], b[4], b[5]));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) { // Teredo 2001::/32
            reached.add(ipv4(b[4], b[5], b[6], b[7])); // the Teredo server
            reached.add(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15])); // the client, obfuscated
        }
        return reached;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static InvalidInputException refuse(String field, String why) {
        return new InvalidInputException(field, "URL " + why);
    }
}
