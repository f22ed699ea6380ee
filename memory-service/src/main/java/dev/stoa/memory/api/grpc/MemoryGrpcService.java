package dev.stoa.memory.api.grpc;

import com.google.protobuf.Timestamp;
import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.memory.domain.Recall;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.ScoredFact;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
import dev.stoa.proto.memory.v1.RecalledFact;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/**
 * {@code stoa.memory.v1.Memory}: recall for the services that run turns (chat). Platform service callers only; bad
 * ids or an over-long query are INVALID_ARGUMENT, top_k is capped at 20.
 */
@Service
public final class MemoryGrpcService extends MemoryGrpc.MemoryImplBase {
    private final Recall recall;

    public MemoryGrpcService(Recall recall) {
        this.recall = recall;
    }

    @Override
    public void recall(RecallRequest request, StreamObserver<RecallResponse> responses) {
        Recall.Result result = recall.recall(
                GrpcPrincipal.current(),
                request.getOrgId(),
                request.getAgentId(),
                request.getUserId(),
                request.getQuery(),
                request.getTopK());
        RecallResponse.Builder out = RecallResponse.newBuilder().setEnabled(result.enabled());
        for (ScoredFact scored : result.facts()) {
            Fact f = scored.fact();
            out.addFacts(RecalledFact.newBuilder()
                    .setFactId(f.id())
                    .setText(f.text())
                    .setSubject(f.subject())
                    .setPredicate(f.predicate())
                    .setObject(f.object())
                    .setCategory(f.category())
                    .setConfidence(f.confidence())
                    .setScore(scored.score())
                    .setValidFrom(Timestamp.newBuilder()
                            .setSeconds(f.validFrom().toEpochSecond())
                            .setNanos(f.validFrom().getNano())));
        }
        responses.onNext(out.build());
        responses.onCompleted();
    }
}
