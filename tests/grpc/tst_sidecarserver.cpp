// The sidecar server over a real socket against a real hub, driven by a gRPC client built from
// the same protos: listening errors, the API key, plain client calls, and one orchestration run
// by a hand-written worker (orchestrator step → activity → completion) with verbatim payloads.
#include "../engine/enginefixture.h"
#include "json.h"
#include "remotework.h"
#include "sidecarserver.h"

#include "sidecar_service.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QtConcurrent>

using namespace durable;
using durable::grpc::SidecarServer;
using durable::grpc::SidecarServerOptions;
namespace proto = durable::sidecar;

namespace {

constexpr int CallTimeoutMs = 20000;

/// Runs a blocking client call off the main thread while the main thread's event loop answers it.
template<typename F>
auto offThread(F f)
{
    auto future = QtConcurrent::run(std::move(f));
    [[maybe_unused]] const bool finished = QTest::qWaitFor([&] { return future.isFinished(); }, CallTimeoutMs);
    future.waitForFinished();
    return future.result();
}

std::unique_ptr<TaskHubSidecarService::Stub> stub(quint16 port)
{
    return TaskHubSidecarService::NewStub(
        ::grpc::CreateChannel("127.0.0.1:" + std::to_string(port), ::grpc::InsecureChannelCredentials()));
}

void withDeadline(::grpc::ClientContext &ctx, int ms)
{
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(ms));
}

} // namespace

class TestSidecarServer : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<testing::EngineFixture> m_hub;
    std::unique_ptr<SidecarServer> m_server;
    quint16 m_port = 0;

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<testing::EngineFixture>();
        // In-process, so that a pending instance does not depend on external workers.
        m_hub->registry.addOrchestrator(QStringLiteral("Later"),
                                        [](OrchestrationContext &) -> Task<QJsonValue> { co_return QJsonValue(1); });
        m_hub->registry.addOrchestrator(QStringLiteral("Waits"), [](OrchestrationContext &ctx) -> Task<QJsonValue> {
            co_return co_await ctx.waitForExternalEvent(QStringLiteral("go"));
        });
        m_hub->options.externalWorkers = true; // as the application opens its hubs
        QVERIFY(m_hub->open());
        SidecarServerOptions options;
        options.port = 0;
        m_server = std::make_unique<SidecarServer>(*m_hub->engine, options);
        auto port = m_server->listen();
        QVERIFY2(port, port ? "" : qPrintable(port.error().message));
        m_port = *port;
        QVERIFY(m_port != 0);
    }

    void cleanup()
    {
        m_server.reset(); // before the engine (shutdown finishes open calls)
        m_hub.reset();
    }

    void helloAndEndpoint()
    {
        QCOMPARE(m_server->endpoint(), QStringLiteral("127.0.0.1:%1").arg(m_port));
        const auto status = offThread([port = m_port] {
            ::grpc::ClientContext ctx;
            withDeadline(ctx, 5000);
            google::protobuf::Empty in, out;
            return stub(port)->Hello(&ctx, in, &out).error_code();
        });
        QCOMPARE(status, ::grpc::StatusCode::OK);
    }

    void listenErrors()
    {
        SidecarServerOptions same;
        same.port = m_port;
        SidecarServer second(*m_hub->engine, same);
        const auto taken = second.listen();
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::FailedPrecondition);
        QVERIFY(taken.error().message.contains(QString::number(m_port)));

        SidecarServerOptions open;
        open.bindAddress = QStringLiteral("0.0.0.0");
        open.port = 0;
        const auto noKey = SidecarServer(*m_hub->engine, open).listen();
        QVERIFY(!noKey);
        QCOMPARE(noKey.error().code, ErrorCode::InvalidArgument);

        SidecarServerOptions bad;
        bad.bindAddress = QStringLiteral("not-an-address");
        bad.port = 0;
        const auto invalid = SidecarServer(*m_hub->engine, bad).listen();
        QVERIFY(!invalid);
        QCOMPARE(invalid.error().code, ErrorCode::InvalidArgument);
    }

    void apiKey()
    {
        SidecarServerOptions options;
        options.port = 0;
        options.apiKey = QStringLiteral("s3cret");
        SidecarServer keyed(*m_hub->engine, options);
        const auto port = keyed.listen();
        QVERIFY(port);
        const auto hello = [p = *port](const char *authorization) {
            return offThread([p, authorization] {
                ::grpc::ClientContext ctx;
                withDeadline(ctx, 5000);
                if (authorization)
                    ctx.AddMetadata("authorization", authorization);
                google::protobuf::Empty in, out;
                return stub(p)->Hello(&ctx, in, &out).error_code();
            });
        };
        QCOMPARE(hello(nullptr), ::grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(hello("Bearer wrong"), ::grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(hello("Bearer s3cret"), ::grpc::StatusCode::OK);
    }

    void unknownInstanceAndUnsupportedCalls()
    {
        const auto result = offThread([port = m_port] {
            auto s = stub(port);
            QStringList out;
            {
                ::grpc::ClientContext ctx;
                proto::GetInstanceRequest req;
                req.set_instanceid("nope");
                proto::GetInstanceResponse resp;
                resp.set_exists(true);
                const auto st = s->GetInstance(&ctx, req, &resp);
                out << QString::number(st.error_code())
                    << (resp.exists() ? QStringLiteral("exists") : QStringLiteral("absent"));
            }
            {
                ::grpc::ClientContext ctx;
                proto::RaiseEventRequest req;
                req.set_instanceid("nope");
                req.set_name("e");
                proto::RaiseEventResponse resp;
                out << QString::number(s->RaiseEvent(&ctx, req, &resp).error_code());
            }
            {
                ::grpc::ClientContext ctx;
                proto::SignalEntityRequest req;
                proto::SignalEntityResponse resp;
                const auto st = s->SignalEntity(&ctx, req, &resp);
                out << QString::number(st.error_code()) << QString::fromStdString(st.error_message());
            }
            {
                ::grpc::ClientContext ctx;
                proto::OrchestratorResponse req;
                req.set_completiontoken("abc");
                proto::CompleteTaskResponse resp;
                out << QString::number(s->CompleteOrchestratorTask(&ctx, req, &resp).error_code());
            }
            {
                ::grpc::ClientContext ctx;
                proto::AbandonActivityTaskRequest req;
                req.set_completiontoken("99999");
                proto::AbandonActivityTaskResponse resp;
                out << QString::number(s->AbandonTaskActivityWorkItem(&ctx, req, &resp).error_code());
            }
            return out;
        });
        QCOMPARE(result.size(), 7);
        QCOMPARE(result.at(0).toInt(), int(::grpc::StatusCode::OK));
        QCOMPARE(result.at(1), QStringLiteral("absent"));
        QCOMPARE(result.at(2).toInt(), int(::grpc::StatusCode::NOT_FOUND));
        QCOMPARE(result.at(3).toInt(), int(::grpc::StatusCode::UNIMPLEMENTED));
        QVERIFY(result.at(4).contains(QStringLiteral("entities")));
        QCOMPARE(result.at(5).toInt(), int(::grpc::StatusCode::INVALID_ARGUMENT));
        QCOMPARE(result.at(6).toInt(), int(::grpc::StatusCode::NOT_FOUND));
    }

    void waitHonoursTheDeadline()
    {
        // Scheduled an hour ahead, the instance stays Pending.
        const auto code = offThread([port = m_port] {
            auto s = stub(port);
            ::grpc::ClientContext startCtx;
            proto::CreateInstanceRequest start;
            start.set_instanceid("later");
            start.set_name("Later");
            start.mutable_scheduledstarttimestamp()->set_seconds(
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                    .count()
                + 3600);
            proto::CreateInstanceResponse started;
            if (auto st = s->StartInstance(&startCtx, start, &started); !st.ok())
                return st.error_code();
            ::grpc::ClientContext ctx;
            withDeadline(ctx, 300);
            proto::GetInstanceRequest req;
            req.set_instanceid("later");
            proto::GetInstanceResponse resp;
            return s->WaitForInstanceStart(&ctx, req, &resp).error_code();
        });
        QCOMPARE(code, ::grpc::StatusCode::DEADLINE_EXCEEDED);
    }

    /// The client calls against an in-process orchestrator ("Later" returns 1).
    void clientCalls()
    {
        const QString error = offThread([port = m_port]() -> QString {
            auto s = stub(port);
            const auto start = [&](const proto::OrchestrationStatus *replaceable, int count) {
                ::grpc::ClientContext ctx;
                proto::CreateInstanceRequest req;
                req.set_instanceid("c1");
                req.set_name("Later");
                req.mutable_input()->set_value(R"({"b":1,"a":2})");
                req.mutable_scheduledstarttimestamp()->set_seconds(0); // epoch 0: now
                if (replaceable) {
                    auto *policy = req.mutable_orchestrationidreusepolicy();
                    for (int i = 0; i < count; ++i)
                        policy->add_replaceablestatus(replaceable[i]);
                }
                proto::CreateInstanceResponse resp;
                return s->StartInstance(&ctx, req, &resp);
            };
            const auto waitDone = [&](proto::GetInstanceResponse *resp) {
                ::grpc::ClientContext ctx;
                withDeadline(ctx, 10000);
                proto::GetInstanceRequest req;
                req.set_instanceid("c1");
                req.set_getinputsandoutputs(true);
                return s->WaitForInstanceCompletion(&ctx, req, resp);
            };
            if (auto st = start(nullptr, 0); !st.ok())
                return QStringLiteral("start: ") + QString::fromStdString(st.error_message());
            proto::GetInstanceResponse done;
            if (auto st = waitDone(&done); !st.ok())
                return QStringLiteral("wait: ") + QString::fromStdString(st.error_message());
            const auto &state = done.orchestrationstate();
            if (!done.exists() || state.orchestrationstatus() != proto::ORCHESTRATION_STATUS_COMPLETED
                || state.output().value() != "1" || state.input().value() != R"({"b":1,"a":2})"
                || !state.has_createdtimestamp() || !state.has_lastupdatedtimestamp())
                return QStringLiteral("completed state differs");

            {
                ::grpc::ClientContext ctx;
                proto::QueryInstancesRequest req;
                req.mutable_query()->mutable_instanceidprefix()->set_value("c");
                req.mutable_query()->add_runtimestatus(proto::ORCHESTRATION_STATUS_COMPLETED);
                proto::QueryInstancesResponse resp;
                if (auto st = s->QueryInstances(&ctx, req, &resp);
                    !st.ok() || resp.orchestrationstate_size() != 1 || resp.orchestrationstate(0).instanceid() != "c1")
                    return QStringLiteral("query");
            }
            {
                ::grpc::ClientContext ctx;
                proto::ListInstanceIdsRequest req;
                proto::ListInstanceIdsResponse resp;
                if (auto st = s->ListInstanceIds(&ctx, req, &resp);
                    !st.ok() || resp.instanceids_size() != 1 || resp.instanceids(0) != "c1")
                    return QStringLiteral("list ids");
            }
            {
                ::grpc::ClientContext ctx;
                proto::StreamInstanceHistoryRequest req;
                req.set_instanceid("c1");
                auto reader = s->StreamInstanceHistory(&ctx, req);
                proto::HistoryChunk chunk;
                bool started = false, completed = false;
                while (reader->Read(&chunk)) {
                    for (const auto &e : chunk.events()) {
                        started |= e.has_executionstarted() && e.executionstarted().name() == "Later";
                        completed |= e.has_executioncompleted() && e.executioncompleted().result().value() == "1";
                    }
                }
                if (!reader->Finish().ok() || !started || !completed)
                    return QStringLiteral("history stream");
            }
            // Reuse policy: a completed instance is replaced only when COMPLETED is replaceable.
            const proto::OrchestrationStatus runningOnly[] = { proto::ORCHESTRATION_STATUS_RUNNING };
            if (auto st = start(runningOnly, 1); st.error_code() != ::grpc::StatusCode::ALREADY_EXISTS)
                return QStringLiteral("reuse policy without COMPLETED: %1").arg(int(st.error_code()));
            const proto::OrchestrationStatus completedToo[]
                = { proto::ORCHESTRATION_STATUS_RUNNING, proto::ORCHESTRATION_STATUS_COMPLETED };
            if (auto st = start(completedToo, 2); !st.ok())
                return QStringLiteral("reuse policy with COMPLETED: ") + QString::fromStdString(st.error_message());
            if (auto st = waitDone(&done); !st.ok())
                return QStringLiteral("second wait");
            {
                ::grpc::ClientContext ctx;
                proto::PurgeInstancesRequest req;
                req.set_instanceid("c1");
                proto::PurgeInstancesResponse resp;
                if (auto st = s->PurgeInstances(&ctx, req, &resp); !st.ok() || resp.deletedinstancecount() != 1)
                    return QStringLiteral("purge");
            }
            {
                ::grpc::ClientContext ctx;
                proto::GetInstanceRequest req;
                req.set_instanceid("c1");
                proto::GetInstanceResponse resp;
                if (auto st = s->GetInstance(&ctx, req, &resp); !st.ok() || resp.exists())
                    return QStringLiteral("still there after the purge");
            }
            return {};
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// A running instance is terminated and replaced when RUNNING is a replaceable status; events
    /// and termination reach it through the client calls.
    void replaceRunningAndTerminate()
    {
        const QString error = offThread([port = m_port]() -> QString {
            auto s = stub(port);
            const auto start = [&](bool replaceRunning) {
                ::grpc::ClientContext ctx;
                proto::CreateInstanceRequest req;
                req.set_instanceid("w1");
                req.set_name("Waits");
                if (replaceRunning)
                    req.mutable_orchestrationidreusepolicy()->add_replaceablestatus(
                        proto::ORCHESTRATION_STATUS_RUNNING);
                proto::CreateInstanceResponse resp;
                return s->StartInstance(&ctx, req, &resp);
            };
            const auto waitFor = [&](bool completion, proto::GetInstanceResponse *resp) {
                ::grpc::ClientContext ctx;
                withDeadline(ctx, 10000);
                proto::GetInstanceRequest req;
                req.set_instanceid("w1");
                return completion ? s->WaitForInstanceCompletion(&ctx, req, resp)
                                  : s->WaitForInstanceStart(&ctx, req, resp);
            };
            proto::GetInstanceResponse state;
            if (auto st = start(false); !st.ok())
                return QStringLiteral("start");
            if (auto st = waitFor(false, &state);
                !st.ok() || state.orchestrationstate().orchestrationstatus() != proto::ORCHESTRATION_STATUS_RUNNING)
                return QStringLiteral("wait for start");
            if (auto st = start(false); st.error_code() != ::grpc::StatusCode::ALREADY_EXISTS
                || st.error_message().find("orchestration instance already exists") == std::string::npos)
                return QStringLiteral("a running duplicate without policy must fail");
            if (auto st = start(true); !st.ok())
                return QStringLiteral("replace running: ") + QString::fromStdString(st.error_message());
            if (auto st = waitFor(false, &state);
                !st.ok() || state.orchestrationstate().orchestrationstatus() != proto::ORCHESTRATION_STATUS_RUNNING)
                return QStringLiteral("replacement not running");
            {
                ::grpc::ClientContext ctx;
                proto::TerminateRequest req;
                req.set_instanceid("w1");
                req.mutable_output()->set_value(R"("bye")");
                proto::TerminateResponse resp;
                if (auto st = s->TerminateInstance(&ctx, req, &resp); !st.ok())
                    return QStringLiteral("terminate: ") + QString::fromStdString(st.error_message());
            }
            if (auto st = waitFor(true, &state);
                !st.ok() || state.orchestrationstate().orchestrationstatus() != proto::ORCHESTRATION_STATUS_TERMINATED)
                return QStringLiteral("not terminated");
            if (state.orchestrationstate().has_failuredetails())
                return QStringLiteral("failure details on a terminated instance");
            return {};
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// Items go out one per write; an abandoned one comes back under a new token, and a closed
    /// stream gives back what its worker held.
    void workItemStreamHandsOutAndTakesBack()
    {
        RemoteActivityItem a;
        a.instanceId = QStringLiteral("x");
        a.executionId = QStringLiteral("e");
        a.taskId = 7;
        a.name = QStringLiteral("Act");
        a.input = json::verbatim(QByteArray(R"({"b":1,"a":2})"));
        m_hub->engine->remoteWork().post(a);
        SidecarServer *server = m_server.get();
        const QString error = offThread([port = m_port, server]() -> QString {
            auto s = stub(port);
            ::grpc::ClientContext streamCtx;
            auto reader = s->GetWorkItems(&streamCtx, proto::GetWorkItemsRequest());
            proto::WorkItem item;
            if (!reader->Read(&item) || !item.has_activityrequest())
                return QStringLiteral("no item");
            if (item.activityrequest().input().value() != R"({"b":1,"a":2})" || item.activityrequest().taskid() != 7)
                return QStringLiteral("item differs");
            if (server->workers().size() != 1)
                return QStringLiteral("workers %1").arg(server->workers().size());
            const std::string first = item.completiontoken();
            {
                ::grpc::ClientContext ctx;
                proto::AbandonActivityTaskRequest req;
                req.set_completiontoken(first);
                proto::AbandonActivityTaskResponse resp;
                if (!s->AbandonTaskActivityWorkItem(&ctx, req, &resp).ok())
                    return QStringLiteral("abandon");
            }
            if (!reader->Read(&item) || !item.has_activityrequest() || item.completiontoken() == first)
                return QStringLiteral("no redelivery");
            streamCtx.TryCancel();
            reader->Finish();
            return {};
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->workers().isEmpty(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->engine->remoteWork().queued(), 1, 5000);
    }

    /// Shutdown finishes a worker's stream and a wait without deadline at once (UNAVAILABLE).
    void shutdownFinishesOpenCalls()
    {
        const quint16 port = m_port;
        auto streamCall = QtConcurrent::run([port] {
            auto s = stub(port);
            ::grpc::ClientContext ctx;
            auto reader = s->GetWorkItems(&ctx, proto::GetWorkItemsRequest());
            proto::WorkItem item;
            while (reader->Read(&item)) { }
            return reader->Finish().error_code();
        });
        auto waitCall = QtConcurrent::run([port] {
            auto s = stub(port);
            {
                ::grpc::ClientContext ctx;
                proto::CreateInstanceRequest start;
                start.set_instanceid("forever");
                start.set_name("Waits");
                proto::CreateInstanceResponse started;
                s->StartInstance(&ctx, start, &started);
            }
            ::grpc::ClientContext ctx;
            proto::GetInstanceRequest req;
            req.set_instanceid("forever");
            proto::GetInstanceResponse resp;
            return s->WaitForInstanceCompletion(&ctx, req, &resp).error_code();
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_server->workers().size(), 1, 5000);
        // The wait is open once its instance exists (the call starts it first).
        QTRY_VERIFY_WITH_TIMEOUT(testing::wait(m_hub->engine->status(QStringLiteral("forever"))).has_value(), 5000);
        m_server.reset();
        QVERIFY(QTest::qWaitFor([&] { return streamCall.isFinished() && waitCall.isFinished(); }, 5000));
        QCOMPARE(streamCall.result(), ::grpc::StatusCode::UNAVAILABLE);
        QCOMPARE(waitCall.result(), ::grpc::StatusCode::UNAVAILABLE);
    }

    /// A hand-written worker runs "Greet": one activity, then completes with the activity's
    /// object output; payload text and custom status come back byte for byte.
    void orchestrationThroughAWorker()
    {
        const QString error = offThread([port = m_port]() -> QString {
            auto s = stub(port);
            {
                ::grpc::ClientContext ctx;
                proto::CreateInstanceRequest start;
                start.set_instanceid("greet-1");
                start.set_name("Greet");
                start.mutable_input()->set_value(R"({"who":"World","b":1,"a":2})");
                proto::CreateInstanceResponse started;
                if (auto st = s->StartInstance(&ctx, start, &started); !st.ok())
                    return QStringLiteral("StartInstance: ") + QString::fromStdString(st.error_message());
            }
            ::grpc::ClientContext streamCtx;
            withDeadline(streamCtx, 15000);
            auto reader = s->GetWorkItems(&streamCtx, proto::GetWorkItemsRequest());
            proto::WorkItem item;

            // Step 1: the orchestrator schedules "Hello".
            if (!reader->Read(&item) || !item.has_orchestratorrequest())
                return QStringLiteral("no first orchestrator work item");
            bool sawInput = false;
            for (const auto &e : item.orchestratorrequest().newevents())
                sawInput |= e.has_executionstarted()
                    && e.executionstarted().input().value() == R"({"who":"World","b":1,"a":2})";
            if (!sawInput)
                return QStringLiteral("ExecutionStarted input not verbatim");
            {
                ::grpc::ClientContext ctx;
                proto::OrchestratorResponse r;
                r.set_instanceid("greet-1");
                r.set_completiontoken(item.completiontoken());
                auto *a = r.add_actions();
                a->set_id(0);
                a->mutable_scheduletask()->set_name("Hello");
                a->mutable_scheduletask()->mutable_input()->set_value(R"({"b":1,"a":2})");
                proto::CompleteTaskResponse done;
                if (auto st = s->CompleteOrchestratorTask(&ctx, r, &done); !st.ok())
                    return QStringLiteral("step 1: ") + QString::fromStdString(st.error_message());
            }

            // The activity.
            if (!reader->Read(&item) || !item.has_activityrequest())
                return QStringLiteral("no activity work item");
            if (item.activityrequest().name() != "Hello"
                || item.activityrequest().input().value() != R"({"b":1,"a":2})")
                return QStringLiteral("activity request differs");
            {
                ::grpc::ClientContext ctx;
                proto::ActivityResponse r;
                r.set_instanceid("greet-1");
                r.set_taskid(item.activityrequest().taskid());
                r.set_completiontoken(item.completiontoken());
                r.mutable_result()->set_value(R"({"z":"Hello","y":0})");
                proto::CompleteTaskResponse done;
                if (auto st = s->CompleteActivityTask(&ctx, r, &done); !st.ok())
                    return QStringLiteral("activity: ") + QString::fromStdString(st.error_message());
            }

            // Step 2: completes with the activity's result and a non-JSON custom status.
            if (!reader->Read(&item) || !item.has_orchestratorrequest())
                return QStringLiteral("no second orchestrator work item");
            std::string result;
            for (const auto &e : item.orchestratorrequest().newevents()) {
                if (e.has_taskcompleted())
                    result = e.taskcompleted().result().value();
            }
            if (result != R"({"z":"Hello","y":0})")
                return QStringLiteral("TaskCompleted result not verbatim: ") + QString::fromStdString(result);
            {
                ::grpc::ClientContext ctx;
                proto::OrchestratorResponse r;
                r.set_instanceid("greet-1");
                r.set_completiontoken(item.completiontoken());
                r.mutable_customstatus()->set_value("foobaz");
                auto *a = r.add_actions();
                a->set_id(1);
                a->mutable_completeorchestration()->set_orchestrationstatus(proto::ORCHESTRATION_STATUS_COMPLETED);
                a->mutable_completeorchestration()->mutable_result()->set_value(result);
                proto::CompleteTaskResponse done;
                if (auto st = s->CompleteOrchestratorTask(&ctx, r, &done); !st.ok())
                    return QStringLiteral("step 2: ") + QString::fromStdString(st.error_message());
            }
            {
                ::grpc::ClientContext ctx;
                withDeadline(ctx, 10000);
                proto::GetInstanceRequest req;
                req.set_instanceid("greet-1");
                req.set_getinputsandoutputs(true);
                proto::GetInstanceResponse resp;
                if (auto st = s->WaitForInstanceCompletion(&ctx, req, &resp); !st.ok())
                    return QStringLiteral("wait: ") + QString::fromStdString(st.error_message());
                const auto &state = resp.orchestrationstate();
                if (state.orchestrationstatus() != proto::ORCHESTRATION_STATUS_COMPLETED)
                    return QStringLiteral("status %1").arg(int(state.orchestrationstatus()));
                if (state.output().value() != R"({"z":"Hello","y":0})" || state.customstatus().value() != "foobaz"
                    || state.input().value() != R"({"who":"World","b":1,"a":2})")
                    return QStringLiteral("payloads differ");
                if (state.has_failuredetails())
                    return QStringLiteral("failure details on a completed instance");
            }
            streamCtx.TryCancel();
            return {};
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->workers().isEmpty(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestSidecarServer)
#include "tst_sidecarserver.moc"
