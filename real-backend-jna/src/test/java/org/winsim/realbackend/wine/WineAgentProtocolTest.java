package org.winsim.realbackend.wine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's line protocol driven directly, for the Windows-only models WineWin32 does not expose yet:
 * WSAEventSelect, overlapped I/O with an event and with a completion routine, WSAAsyncSelect with a
 * message-only window, and a completion port. Each test uses names of its own in the shared agent.
 */
class WineAgentProtocolTest {
    private static WineAgent agent;

    @BeforeAll
    static void startAgent() {
        agent = WineAgents.startOrSkip();
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    /** The reply without its id: {@code ret=R err=E outputs...}. */
    private static String call(String thread, String request) {
        WineAgent.Reply r = agent.call(thread, request);
        return r.line().substring(r.line().indexOf(' ') + 1);
    }

    /** Makes a connected pair: listener {@code p}l, client {@code p}c, accepted {@code p}a; returns the accepted socket's value. */
    private static long pair(String thread, String p) {
        assertEquals("ret=0 err=0 version=0x202 high=0x202 description=WinSock%202.0 status=Running", call(thread, "WSAStartup 0x202"));
        assertNotEquals(-1, agent.call(thread, "socket " + p + "l AF_INET SOCK_STREAM IPPROTO_TCP").ret());
        assertEquals("ret=0 err=0", call(thread, "bind " + p + "l 127.0.0.1:0 16"));
        assertEquals("ret=0 err=0", call(thread, "listen " + p + "l 5"));
        assertNotEquals(-1, agent.call(thread, "WSASocket " + p + "c AF_INET SOCK_STREAM IPPROTO_TCP WSA_FLAG_OVERLAPPED").ret());
        assertEquals("ret=0 err=0", call(thread, "connect " + p + "c " + p + "l 16"));
        long accepted = agent.call(thread, "accept " + p + "a " + p + "l NULL NULL").ret();
        assertNotEquals(-1, accepted);
        return accepted;
    }

    @Test
    void eventSelectSignalsFdAcceptOnAListenerAndEnumResetsTheEvent() {
        String t = "es";
        assertEquals(0, agent.call(t, "WSAStartup 0x202").ret());
        agent.call(t, "socket esl AF_INET SOCK_STREAM IPPROTO_TCP");
        assertEquals("ret=0 err=0", call(t, "bind esl 127.0.0.1:0 16"));
        assertEquals("ret=0 err=0", call(t, "listen esl 5"));
        assertNotEquals(0, agent.call(t, "WSACreateEvent esev").ret());
        assertEquals("ret=0 err=0", call(t, "WSAEventSelect esl esev FD_ACCEPT|FD_CLOSE"));
        assertEquals("ret=258 err=0", call(t, "WSAWaitForMultipleEvents 1 {esev} FALSE 0 FALSE"));

        agent.call(t, "socket esc AF_INET SOCK_STREAM IPPROTO_TCP");
        assertEquals("ret=0 err=0", call(t, "connect esc esl 16"));
        assertEquals("ret=0 err=0", call(t, "WSAWaitForMultipleEvents 1 {esev} FALSE 5000 FALSE"));
        assertEquals("ret=0 err=0 events=FD_ACCEPT errors=0,0,0,0,0,0,0,0,0,0", call(t, "WSAEnumNetworkEvents esl esev"));
        assertEquals("ret=258 err=0", call(t, "WSAWaitForMultipleEvents 1 {esev} FALSE 0 FALSE"));
        // A socket under WSAEventSelect cannot be made blocking.
        assertEquals("ret=-1 err=10022", call(t, "ioctlsocket esl FIONBIO 0"));
    }

    @Test
    void anOverlappedRecvIsPendingUntilDataArrivesThenTheEventAndResultShowIt() {
        String t = "ov";
        pair(t, "ov");
        assertNotEquals(0, agent.call(t, "WSACreateEvent ovev").ret());
        assertEquals("ret=0 err=0", call(t, "overlapped ovo ovev"));
        assertEquals("ret=-1 err=997 recvd=0 flags=0", call(t, "WSARecv ova ovo 100 0 -"));
        assertEquals("ret=0 err=997 status=0x103 bytes=0", call(t, "ovstate ovo"));
        assertEquals("ret=0 err=0 optval=00000000 optlen=4", call(t, "getsockopt ova SOL_SOCKET SO_ERROR 4"));

        assertEquals("ret=5 err=0", call(t, "send ovc 68656c6c6f 5 0"));
        assertEquals("ret=0 err=0", call(t, "WSAWaitForMultipleEvents 1 {ovev} FALSE 5000 FALSE"));
        assertEquals("ret=1 err=0 bytes=5 flags=0 data=68656c6c6f", call(t, "WSAGetOverlappedResult ova ovo FALSE"));
    }

    @Test
    void aCompletionRoutineRunsInTheNextAlertableWaitEvenWhenTheRecvCompletedAtOnce() {
        String t = "cr";
        pair(t, "cr");
        assertEquals("ret=3 err=0", call(t, "send crc 616263 3 0"));
        assertEquals("ret=0 err=0", call(t, "overlapped cro NULL"));
        assertEquals("ret=1 err=0 read={cra} write=NULL except=NULL", call(t, "select 0 {cra} NULL NULL 5:0"));
        assertEquals("ret=0 err=0 recvd=3 flags=0 data=616263", call(t, "WSARecv cra cro 10 0 cr"));
        WineAgent.Reply r = agent.call(t, "SleepEx 5000 TRUE");
        assertEquals(192, r.ret());
        assertEquals(List.of("completion cro err=0 bytes=3 flags=0 data=616263"), r.callbacks());
    }

    @Test
    void asyncSelectPostsFdReadToAMessageOnlyWindowWhoseProcedureRecordsIt() {
        String t = "as";
        long socket = pair(t, "as");
        assertNotEquals(0, agent.call(t, "window asw").ret());
        assertEquals("ret=0 err=0", call(t, "WSAAsyncSelect asa asw 0x401 FD_READ|FD_CLOSE"));
        assertEquals("ret=1 err=0", call(t, "send asc 41 1 0"));
        assertEquals("ret=1 err=0 hwnd=asw msg=1025 wparam=" + socket + " lparam=0x1 sock=asa", call(t, "GetMessage NULL 0 0"));
        WineAgent.Reply r = agent.call(t, "DispatchMessage");
        assertEquals(0, r.ret());
        assertEquals(List.of("wndproc asw msg=1025 wparam=" + socket + " lparam=0x1 sock=asa event=FD_READ error=0"), r.callbacks());
    }

    @Test
    void aCompletionPortDeliversAPostedPacketAndABlockedWaiterWakesForACompletedRecv() throws Exception {
        String t = "cp";
        pair(t, "cp");
        assertNotEquals(0, agent.call(t, "CreateIoCompletionPort cpp INVALID_HANDLE_VALUE NULL 0 0").ret());
        assertEquals("ret=1 err=0", call(t, "PostQueuedCompletionStatus cpp 3 99 NULL"));
        assertEquals("ret=1 err=0 bytes=3 key=99 ov=NULL", call(t, "GetQueuedCompletionStatus cpp 0"));
        assertEquals("ret=0 err=258 bytes=0 key=0 ov=NULL", call(t, "GetQueuedCompletionStatus cpp 0"));

        assertNotEquals(0, agent.call(t, "CreateIoCompletionPort cpp cpa cpp 7 0").ret());
        assertEquals("ret=0 err=258", call(t, "overlapped cpo NULL")); // the agent's own verb: the last error stays
        assertEquals("ret=-1 err=997 recvd=0 flags=0", call(t, "WSARecv cpa cpo 10 0 -"));
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> call("cpw", "GetQueuedCompletionStatus cpp 5000"));
        assertEquals("ret=2 err=0", call(t, "send cpc 6869 2 0"));
        assertEquals("ret=1 err=0 bytes=2 key=7 ov=cpo data=6869", waiter.get());
    }
}
