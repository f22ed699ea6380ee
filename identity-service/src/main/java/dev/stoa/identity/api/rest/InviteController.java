package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.api.rest.AuthViews.InviteView;
import dev.stoa.identity.api.rest.OrgViews.OrgInviteView;
import dev.stoa.identity.domain.InviteService;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Invites by consent: the invitee answers from their own session; the org's admins list and revoke. */
@RestController
public class InviteController {
    private final InviteService invites;
    private final Clock clock;

    public InviteController(InviteService invites, Clock clock) {
        this.invites = invites;
        this.clock = clock;
    }

    @GetMapping("/api/v1/auth/invites")
    @Tag(name = "Auth")
    @Operation(
            operationId = "listMyInvites",
            summary = "The caller's pending invites, in every org (a user session with a verified email).")
    @ProblemResponse(status = 403, description = "email_not_verified: verify the email first.")
    public PageResponse<InviteView> mine(Principal principal) {
        return PageResponse.of(new Page<>(invites.mine(principal), null).map(InviteView::of));
    }

    @PostMapping("/api/v1/auth/invites/{invite_id}/accept")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Tag(name = "Auth")
    @Operation(
            operationId = "acceptMyInvite",
            summary = "Accept one of the caller's invites: the caller becomes an active member of its org.")
    @ProblemResponse(status = 403, description = "email_not_verified: verify the email first.")
    @ProblemResponse(status = 422, description = "invite_expired: ask for a new invite.")
    public void accept(Principal principal, @PathVariable("invite_id") String inviteId) {
        invites.accept(principal, inviteId);
    }

    @PostMapping("/api/v1/auth/invites/{invite_id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Tag(name = "Auth")
    @Operation(operationId = "declineMyInvite", summary = "Decline one of the caller's invites; it is gone.")
    @ProblemResponse(status = 403, description = "email_not_verified: verify the email first.")
    @ProblemResponse(status = 422, description = "invite_expired: the invite already expired.")
    public void decline(Principal principal, @PathVariable("invite_id") String inviteId) {
        invites.decline(principal, inviteId);
    }

    @GetMapping("/api/v1/org/invites")
    @Tag(name = "Organization")
    @Operation(operationId = "listOrgInvites", summary = "The org's invites not yet accepted (admin).")
    public PageResponse<OrgInviteView> list(
            Principal principal,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return PageResponse.of(
                invites.list(principal, PageRequest.of(limit, cursor)).map(m -> OrgInviteView.of(m, now)));
    }

    @DeleteMapping("/api/v1/org/invites/{invite_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Tag(name = "Organization")
    @Operation(operationId = "revokeInvite", summary = "Revoke an invite not yet accepted (admin).")
    public void revoke(Principal principal, @PathVariable("invite_id") String inviteId) {
        invites.revoke(principal, inviteId);
    }
}
