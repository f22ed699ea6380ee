package dev.stoa.monitoring.api.grpc;

import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.monitoring.domain.SpendQueries;
import dev.stoa.proto.monitoring.v1.GetMonthSpendRequest;
import dev.stoa.proto.monitoring.v1.GetMonthSpendResponse;
import dev.stoa.proto.monitoring.v1.SpendGrpc;
import io.grpc.stub.StreamObserver;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/** {@code stoa.monitoring.v1.Spend}: an agent's month-to-date spend from the ledger (chat asks before a turn). */
@Service
public final class SpendGrpcService extends SpendGrpc.SpendImplBase {
    private final SpendQueries spend;

    public SpendGrpcService(SpendQueries spend) {
        this.spend = spend;
    }

    @Override
    public void getMonthSpend(GetMonthSpendRequest request, StreamObserver<GetMonthSpendResponse> responses) {
        SpendQueries.MonthSpend month =
                spend.monthSpend(GrpcPrincipal.current(), request.getOrgId(), request.getAgentId());
        responses.onNext(GetMonthSpendResponse.newBuilder()
                .setSpentMicros(month.spentMicros())
                .setMonthStartEpochSeconds(month.monthStart().atStartOfDay().toEpochSecond(ZoneOffset.UTC))
                .build());
        responses.onCompleted();
    }
}
