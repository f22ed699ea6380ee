package dev.stoa.gateway.web;

import dev.stoa.common.error.Problem;
import dev.stoa.common.error.ProblemCodes;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.common.input.UriRules;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers, in the problem shape, the requests that never reach Spring: Reactor Netty itself answers a request line
 * over its limit (414), headers over theirs (431) or a request it cannot parse (400) with an empty body, and Spring's
 * adapter answers a bare 400 for a target {@link URI} refuses (bad percent-encoding such as {@code ?cursor=%%%},
 * characters that must be encoded). Sits right after the HTTP codec, sees each request first, and refuses these with
 * {@code uri_too_long}, {@code headers_too_large}, {@code malformed_request} or {@code validation_failed} naming the
 * query parameter; the connection is then closed, since what follows on it cannot be trusted.
 */
public final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "stoa.malformedRequests";
    private static final int MAX_INSTANCE = 1_024;

    private final JsonMapper json;
    private boolean refused;

    MalformedRequestHandler(JsonMapper json) {
        this.json = json;
    }

    /** Installs the handler right after the HTTP codec of every connection of the server. */
    public static NettyServerCustomizer installer(JsonMapper json) {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new MalformedRequestHandler(json));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg); // the rest of a refused request, until the connection closes
            return;
        }
        Problem problem = msg instanceof HttpRequest request ? problem(request) : null;
        if (problem == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        refused = true;
        ReferenceCountUtil.release(msg);
        byte[] body = json.writeValueAsBytes(problem);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(RequestContextFilter.REQUEST_ID, problem.requestId())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The problem a request must be refused with here, or null to let it through. */
    static @Nullable Problem problem(HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        String requestId = RequestContextFilter.requestIdOrNew(request.headers().get(RequestContextFilter.REQUEST_ID));
        if (decoded.isFailure()) {
            return switch (decoded.cause()) {
                case TooLongHttpLineException e ->
                    Problem.of(414, ProblemCodes.URI_TOO_LONG, "the request URI is too long", "", requestId);
                case TooLongHttpHeaderException e ->
                    Problem.of(431, ProblemCodes.HEADERS_TOO_LARGE, "the request headers are too large", "", requestId);
                default ->
                    Problem.of(
                            400,
                            ProblemCodes.MALFORMED_REQUEST,
                            "the request line or headers are malformed",
                            "",
                            requestId);
            };
        }
        String target = request.uri();
        int mark = target.indexOf('?');
        String path = mark < 0 ? target : target.substring(0, mark);
        try {
            // what Spring's adapter will parse: the target appended to scheme and authority
            new URI(target.startsWith("/") ? "http://gateway" + target : target);
            return null;
        } catch (URISyntaxException e) {
            List<FieldError> errors = new ArrayList<>(UriRules.pathErrors(path));
            errors.addAll(UriRules.queryErrors(mark < 0 ? null : target.substring(mark + 1)));
            if (errors.isEmpty()) {
                errors.add(new FieldError("uri", "is not a valid URI"));
            }
            FieldError first = errors.getFirst();
            String instance = path.length() > MAX_INSTANCE ? path.substring(0, MAX_INSTANCE) : path;
            return Problem.of(
                    400,
                    ProblemCodes.VALIDATION_FAILED,
                    first.field() + ": " + first.message(),
                    instance,
                    false,
                    requestId,
                    errors);
        }
    }
}
