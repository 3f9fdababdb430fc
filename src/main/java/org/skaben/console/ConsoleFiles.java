package org.skaben.console;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the game master's console: the files of the classpath folder {@code console/} at {@code /}
 * ({@code index.html} at {@code /}) and the WebJars' files under {@code /webjars/}, as bytes, with their content
 * type. Nothing else: a request path is mapped to a resource only if every segment is a plain name (no
 * {@code ..}, no hidden file, nothing percent-encoded) and the file's extension is one of the known types, so
 * {@code /application.properties}, {@code /db/migration/...} and {@code /../} fall through to the 404 of the
 * HTTP server. (Camel's own static serving, camel.server.staticEnabled, would serve any classpath file.)
 */
public final class ConsoleFiles implements Handler<RoutingContext> {

    private static final String CONSOLE = "console/";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"));
    /**
     * The page may load only what this server serves (the dungeon has no internet, and nothing else should be
     * reached from it): its own scripts and styles, no inline script, no frames around it.
     */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A file read once (the jar does not change while the server runs). */
    private record File(Buffer bytes, String type, String etag) {
    }

    private final ClassLoader loader;
    private final Map<String, File> read = new ConcurrentHashMap<>();

    public ConsoleFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The classpath resource a request path names, or null when it names none we serve. The path is taken as
     * the client sent it, before any decoding or normalisation.
     */
    static String resource(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        if (path.equals("/")) {
            return CONSOLE + "index.html";
        }
        String folder = path.startsWith("/webjars/") ? WEBJARS : CONSOLE;
        String rest = path.substring(folder.equals(WEBJARS) ? "/webjars/".length() : 1);
        for (String segment : rest.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                return null;
            }
        }
        return type(rest) == null ? null : folder + rest;
    }

    static String type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String resource = method == HttpMethod.GET || method == HttpMethod.HEAD ? resource(ctx.request().path()) : null;
        File file = resource == null ? null : file(resource);
        if (file == null) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Type", file.type())
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("ETag", file.etag())
                // the console's own files may change with the next jar; a WebJar's path carries its version
                .putHeader("Cache-Control", resource.startsWith(WEBJARS) ? "public, max-age=86400" : "no-cache");
        if (file.type().startsWith("text/html")) {
            response.putHeader("Content-Security-Policy", POLICY).putHeader("X-Frame-Options", "DENY");
        }
        if (file.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        response.end(file.bytes());
    }

    private File file(String resource) {
        File known = read.get(resource);
        if (known != null) {
            return known;
        }
        URL url = loader.getResource(resource);
        if (url == null || isFolder(url)) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            File file = new File(Buffer.buffer(bytes), type(resource), etag(bytes));
            read.put(resource, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A folder on disk (target/classes) whose name looks like a file: not served. */
    private static boolean isFolder(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return false;
        }
        try {
            return !Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
