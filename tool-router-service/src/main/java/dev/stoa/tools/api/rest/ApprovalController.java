package dev.stoa.tools.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.ToolApprovals;
import dev.stoa.tools.domain.model.Approval;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import dev.stoa.web.validation.OneOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tool calls waiting for a person: list them, approve or reject them. */
@RestController
@Validated
@RequestMapping("/api/v1/tool-approvals")
@Tag(name = "Tool approvals")
public class ApprovalController {
    private final ToolApprovals approvals;

    public ApprovalController(ToolApprovals approvals) {
        this.approvals = approvals;
    }

    /**
     * A tool call's approval.
     *
     * @param status {@code pending}, {@code approved}, {@code rejected}, {@code expired} or {@code cancelled}
     * @param argumentsPreview the argument names and the shape of each value, never the values
     */
    public record ApprovalView(
            String id,
            String status,
            String agentId,
            String toolId,
            String toolName,
            String callId,
            String turnId,
            String conversationId,
            String argumentsPreview,
            OffsetDateTime requestedAt,
            OffsetDateTime expiresAt,
            @Nullable String decidedBy,
            @Nullable OffsetDateTime decidedAt,
            @Nullable String reason) {
        static ApprovalView of(Approval a) {
            return new ApprovalView(
                    a.id(),
                    a.status(),
                    a.agentId(),
                    a.toolId(),
                    a.toolName(),
                    a.callId(),
                    a.turnId(),
                    a.conversationId(),
                    a.argumentsPreview(),
                    a.requestedAt(),
                    a.expiresAt(),
                    a.decidedBy(),
                    a.decidedAt(),
                    a.reason());
        }
    }

    /** A decision, optionally with why. */
    public record Decision(@Nullable @Size(max = 500) String reason) {}

    @GetMapping
    @Operation(operationId = "listToolApprovals", summary = "List tool calls waiting for (or decided by) a person.")
    public PageResponse<ApprovalView> list(
            Principal principal,
            @RequestParam(required = false)
                    @Nullable
                    @OneOf({"pending", "approved", "rejected", "expired", "cancelled"})
                    String status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(
                approvals.list(principal, status, PageRequest.of(limit, cursor)).map(ApprovalView::of));
    }

    @GetMapping("/{approval_id}")
    @Operation(operationId = "getToolApproval", summary = "Get a tool call's approval.")
    public ApprovalView get(Principal principal, @PathVariable("approval_id") String approvalId) {
        return ApprovalView.of(approvals.get(principal, approvalId));
    }

    @PostMapping("/{approval_id}/approve")
    @Operation(operationId = "approveToolCall", summary = "Approve a waiting tool call: it runs at once.")
    @ProblemResponse(status = 409, description = "approval_not_pending: it was decided, expired or cancelled.")
    public ApprovalView approve(
            Principal principal,
            @PathVariable("approval_id") String approvalId,
            @Valid @RequestBody(required = false) @Nullable Decision body) {
        return ApprovalView.of(approvals.decide(principal, approvalId, true, body == null ? null : body.reason()));
    }

    @PostMapping("/{approval_id}/reject")
    @Operation(
            operationId = "rejectToolCall",
            summary = "Reject a waiting tool call: the model is told it was refused.")
    @ProblemResponse(status = 409, description = "approval_not_pending: it was decided, expired or cancelled.")
    public ApprovalView reject(
            Principal principal,
            @PathVariable("approval_id") String approvalId,
            @Valid @RequestBody(required = false) @Nullable Decision body) {
        return ApprovalView.of(approvals.decide(principal, approvalId, false, body == null ? null : body.reason()));
    }
}
