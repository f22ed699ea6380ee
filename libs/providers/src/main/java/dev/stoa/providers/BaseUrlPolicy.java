package dev.stoa.providers;

import dev.stoa.common.error.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * SSRF guard for provider base URLs: http(s) only, no userinfo, and the host must not resolve to a cloud metadata
 * service (always refused) or, unless private networks are allowed (self-hosted Ollama, vLLM...), to a loopback,
 * link-local, private, unique-local, shared (CGNAT), unspecified or multicast address. Every resolved address is
 * checked, so a name that resolves to several addresses is refused if any is.
 */
public final class BaseUrlPolicy {
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata");
    private static final Set<String> METADATA_ADDRESSES =
            Set.of("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    private BaseUrlPolicy() {}

    /** Throws {@code InvalidInputException("base_url", ...)} when the URL may not be called. */
    public static void check(String baseUrl, boolean allowPrivateNetworks) {
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw refuse("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refuse("must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw refuse("must not contain credentials; pass the key as the API key");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw refuse("has no valid host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (METADATA_HOSTS.contains(host)) {
            throw refuse("points at a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw refuse("host does not resolve");
        }
        for (InetAddress address : addresses) {
            InetAddress effective = embeddedIpv4(address);
            if (METADATA_ADDRESSES.contains(effective.getHostAddress())) {
                throw refuse("points at a cloud metadata service");
            }
            if (!allowPrivateNetworks && internal(effective)) {
                throw refuse("points at a private, loopback or link-local address; private networks are not allowed");
            }
        }
    }

    /** Whether an address is not on the public internet. */
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
                    || first == 255; // broadcast
        }
        return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }

    /** The IPv4 address inside IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) addresses, else the address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        boolean compatible = true;
        for (int i = nat64 ? 4 : 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        if (!compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static InvalidInputException refuse(String why) {
        return new InvalidInputException("base_url", "base URL " + why);
    }
}
