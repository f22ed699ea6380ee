package dev.stoa.chat.domain.model;

import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import java.time.Instant;

/**
 * A scan of one text of a turn that found something, with where the text belongs (empty strings where it has no such
 * owner: a refused message has no turn). Its detections hold masked previews, never the matched text.
 */
public record SafetyScan(
        String orgId,
        String agentId,
        String conversationId,
        String turnId,
        Surface surface,
        ScanResult result,
        Instant at) {}
