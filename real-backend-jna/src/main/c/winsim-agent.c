/*
 * winsim-agent: executes Winsock, kernel32 and user32 calls one line at a time, so that winsim's Java
 * side can compare its model with a real Windows API (Wine's ws2_32 here, Windows' own on Windows).
 *
 * Build:  x86_64-w64-mingw32-gcc -O1 -o winsim-agent.exe winsim-agent.c -lws2_32 -lmswsock -luser32 -lkernel32
 * Run:    WINEDEBUG=-all wine winsim-agent.exe      (reads stdin, answers on stdout, until end of input)
 *
 * ---- Protocol ----
 * Request, one a line:   ID THREAD VERB ARG...
 *   ID      any token without spaces; the reply repeats it.
 *   THREAD  the script thread that makes the call. Each name gets its own Windows thread, created on
 *           first use, so a blocking call blocks only that thread. A thread runs its requests in order.
 *   VERB    a Win32 function name (socket, WSARecv, GetQueuedCompletionStatus, ...) or one of the
 *           agent's own lower-case verbs (overlapped, window, exit, ovstate).
 * Reply, one line:       ID ret=R err=E [KEY=VALUE ...]
 *   R  the return value in the function's C type: int and BOOL signed, DWORD unsigned, SOCKET and
 *      HANDLE as signed pointers (INVALID_SOCKET = -1). Void functions answer ret=0.
 *   E  GetLastError() right after the call (the same slot as WSAGetLastError). The agent never resets
 *      it, so after a success it is whatever the thread's last failure left, as on Windows.
 *   outputs: the out-parameters, e.g. addr=127.0.0.1:5000 addrlen=16, data=68656c6c6f, read={s1}.
 * Callback, one line:    cb ID KIND NAME [KEY=VALUE ...]
 *   Written by the thread that runs the callback, before the reply of the call during which it ran
 *   (ID is that call's id): KIND apc (QueueUserAPC), completion (a WSASend/WSARecv completion
 *   routine), wndproc (a message of WM_USER or above reaching an agent window).
 * Protocol error:        ID error MESSAGE     (bad arguments, unknown name, unknown verb)
 *
 * Argument tokens:
 *   numbers  decimal, 0x hex, negative; a constant name (AF_INET, SOL_SOCKET, FD_READ, INFINITE, ...);
 *            several joined by | (FD_READ|FD_CLOSE); or an object's name, standing for its raw value.
 *   objects  a name from the agent's table (sockets, events, threads, windows, ports, OVERLAPPEDs,
 *            critical sections), NULL, or #N for a raw handle value (#-2 is GetCurrentThread()).
 *            A verb that creates an object takes the new name as its first argument.
 *   address  A.B.C.D:PORT (AF_INET), FAMILY@A.B.C.D:PORT for another sin_family, a socket's name
 *            (the address it is bound to), or NULL.
 *   data     bytes as hex (68656c6c6f), - for none, i:N for a 4-byte little-endian int, h:NAME for the
 *            raw value of a named socket as a SOCKET (8 bytes: SO_UPDATE_ACCEPT_CONTEXT), NULL.
 *   sets     {s1,s2} (may be empty: {}), or NULL.
 *   strings in replies are percent-escaped (a space is %20).
 *
 * Verbs (arguments; outputs after =>):
 *   WSAStartup VERSION|NULL-data: WSAStartup 0x202 [NULL]    => version= high= description= status=
 *   WSACleanup | WSAGetLastError | WSASetLastError N | GetLastError | SetLastError N
 *   socket NAME AF TYPE PROTO            WSASocket NAME AF TYPE PROTO FLAGS
 *   bind S ADDR LEN | connect S ADDR LEN | listen S BACKLOG | shutdown S HOW | closesocket S
 *   WSASendDisconnect S DATA | WSARecvDisconnect S DATA   (DATA: -1 for a NULL WSABUF, else its length)
 *   accept NAME S addr|NULL LEN|NULL     => addr= addrlen=
 *   send S DATA LEN FLAGS                recv S [NULL] LEN FLAGS    => data=   (NULL: a NULL buf)
 *   sendto S DATA LEN FLAGS ADDR TOLEN   recvfrom S LEN FLAGS addr|NULL FROMLEN|NULL => data= addr= addrlen=
 *     (UDP; recvfrom's data= also comes with WSAEMSGSIZE: the buffer it filled)
 *   WSASendTo S OV|NULL DATA[,DATA..] FLAGS -|cr ADDR TOLEN [NULL]   => sent=   (NULL: a NULL byte count)
 *   WSARecvFrom S NULL LEN[,LEN..] FLAGS addr|NULL FROMLEN|NULL   => recvd= flags= data= addr= addrlen=
 *   WSASendMsg S OV|NULL DATA[,DATA..]|NULL FLAGS -|cr ADDR|NULL NAMELEN [NULL]  => sent=  (NULL data: a NULL WSAMSG)
 *   ioctlsocket S CMD VALUE|NULL         => arg=
 *   setsockopt S LEVEL OPT DATA LEN      getsockopt S LEVEL OPT LEN|NULL [NULL]  => optval= optlen=
 *   getsockname S LEN|NULL [NULL] | getpeername S LEN|NULL [NULL]         => addr= addrlen=
 *     (a trailing NULL passes a NULL optval or name with the length)
 *   select NFDS READ WRITE EXCEPT SEC:USEC|NULL                          => read= write= except=
 *   CreateEvent NAME MANUAL INITIAL | SetEvent H | ResetEvent H | CloseHandle H
 *   WaitForSingleObject H MS | WaitForSingleObjectEx H MS ALERTABLE
 *   WaitForMultipleObjects N {H..} ALL MS | WaitForMultipleObjectsEx N {H..} ALL MS ALERTABLE
 *   Sleep MS | SleepEx MS ALERTABLE | QueueUserAPC APCNAME THREAD DATA   (cb ID apc APCNAME data=N)
 *   CreateThread NAME => tid= (an agent thread, idle until a request names it) | exit CODE (ends the calling
 *   agent thread after the reply) | GetExitCodeThread T => code= | GetCurrentThreadId | GetTickCount
 *   GetSystemInfo => processors= pagesize=
 *   SetThreadDescription T DATA (DATA: the description's UTF-8 bytes in hex, - for empty, NULL) => ret=HRESULT
 *   InitializeCriticalSection CS | EnterCriticalSection CS | LeaveCriticalSection CS | DeleteCriticalSection CS
 *   WSACreateEvent NAME | WSASetEvent E | WSAResetEvent E | WSACloseEvent E
 *   WSAEventSelect S E MASK | WSAEnumNetworkEvents S E|NULL  => events=FD_READ|FD_WRITE errors=e0,..,e9
 *   WSAWaitForMultipleEvents N {E..} ALL MS ALERTABLE
 *   window NAME (a message-only window, HWND_MESSAGE, owned by the calling thread)
 *   WSAAsyncSelect S W MSG MASK          (cb ID wndproc W msg= wparam= lparam= [sock= event= error=])
 *   GetMessage W|NULL MIN MAX | PeekMessage W|NULL MIN MAX REMOVE   => hwnd= msg= wparam= lparam= [sock=]
 *   DispatchMessage (the thread's last retrieved message) | PostMessage W MSG WPARAM LPARAM
 *   TranslateMessage (the thread's last retrieved message) | DestroyWindow W | PostQuitMessage CODE
 *   DefWindowProc W MSG WPARAM LPARAM
 *   overlapped OV E|NULL (creates or resets a named OVERLAPPED whose hEvent is E)
 *   ovstate OV                           => status=0x103 bytes=N (Internal, InternalHigh)
 *   WSASend S OV|NULL DATA[,DATA..] FLAGS ROUTINE [NULL]      => sent=     (NULL: a NULL byte count)
 *   WSARecv S OV|NULL LEN[,LEN..] FLAGS ROUTINE [NULL]        => recvd= flags= [data=]
 *     ROUTINE: - (none) or cr (the recording completion routine: cb ID completion OV err= bytes= flags= [data=])
 *   WSAGetOverlappedResult S OV WAIT     => bytes= flags= [data=]
 *   GetOverlappedResult H OV WAIT        => bytes= [data=]
 *   CancelIo H | CancelIoEx H OV|NULL | SetFileCompletionNotificationModes H FLAGS
 *   ovset OV STATUS BYTES                (writes Internal and InternalHigh, as a program may)
 *   WSAIoctl S CODE IN INLEN OUTLEN|NULL BYTES|NULL OV|NULL ROUTINE  => [bytes=] [out=]
 *     IN: data, or AcceptEx|ConnectEx|DisconnectEx|GetAcceptExSockaddrs or guid:XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX
 *     for SIO_GET_EXTENSION_FUNCTION_POINTER (a named function fetched is the one the verbs below call);
 *     BYTES: *lpcbBytesReturned before the call; out= the OUTLEN bytes of the output buffer after a success
 *   AcceptEx L A OV|NULL RECVLEN [LOCALLEN REMOTELEN] => bytes= [data= local= remote=]
 *   ConnectEx S ADDR OV|NULL DATA        => sent=
 *   DisconnectEx S OV|NULL FLAGS RESERVED
 *   CreateIoCompletionPort NAME H|INVALID_HANDLE_VALUE EXISTING|NULL KEY THREADS
 *   GetQueuedCompletionStatus PORT MS    => bytes= key= ov= [data=]
 *   GetQueuedCompletionStatusEx PORT MAX MS ALERTABLE => removed= e0=OV:BYTES:KEY:STATUS ...
 *   PostQueuedCompletionStatus PORT BYTES KEY OV|NULL
 *   ---- duplicated handles and deferred accept ----
 *   WSAAccept NAME S addr|NULL LEN|NULL ANSWER|NULL   => addr= addrlen=   (ANSWER: what the condition
 *     function returns, CF_ACCEPT 0, CF_REJECT 1, CF_DEFER 2; NULL: no condition function)
 *   DuplicateHandle NAME SRCPROCESS H TARGETPROCESS ACCESS INHERIT OPTIONS  (#-1: GetCurrentProcess(); the copy
 *     is a handle named NAME, which a socket argument also takes, as a program casts it to SOCKET)
 *   GetCurrentProcessId | WSADuplicateSocket S PID INFO|NULL => af= type= protocol=  (INFO names the
 *     WSAPROTOCOL_INFOW it fills, which WSASocket NAME AF TYPE PROTO FLAGS INFO takes as a sixth argument)
 * Data a receive wrote (recv, WSARecv, AcceptEx) comes back as data= wherever its byte count is known.
 *
 * Example:
 *   1 main WSAStartup 0x202                  -> 1 ret=0 err=0 version=0x202 high=0x202 description=WinSock%202.0 status=Running
 *   2 main socket l AF_INET SOCK_STREAM IPPROTO_TCP  -> 2 ret=292 err=0
 *   3 main bind l 127.0.0.1:0 16             -> 3 ret=0 err=0
 *   4 t1 SleepEx 1000 TRUE                   (blocks thread t1 only)
 *   5 main QueueUserAPC a1 t1 7              -> 5 ret=1 err=0
 *                                            -> cb 4 apc a1 data=7
 *                                            -> 4 ret=192 err=0
 */
#define FD_SETSIZE 1024
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 80
#define NAME_LEN 64
#define ACCEPT_ADDR_LEN ((DWORD) sizeof(struct sockaddr_in) + 16)

/* ---- output ---- */

static CRITICAL_SECTION out_lock;

/** A growing line of text. */
typedef struct { char *s; size_t len, cap; } text;

static void text_add(text *t, const char *fmt, ...) {
    va_list ap;
    for (;;) {
        size_t room = t->cap - t->len;
        va_start(ap, fmt);
        int n = t->s ? vsnprintf(t->s + t->len, room, fmt, ap) : -1;
        va_end(ap);
        if (n >= 0 && (size_t) n < room) { t->len += n; return; }
        t->cap = t->cap * 2 + (n > 0 ? (size_t) n : 0) + 256;
        t->s = realloc(t->s, t->cap);
    }
}

static void text_hex(text *t, const unsigned char *p, size_t n) {
    if (n == 0) { text_add(t, "-"); return; }
    for (size_t i = 0; i < n; i++) text_add(t, "%02x", p[i]);
}

static void text_escaped(text *t, const char *s) {
    for (; *s; s++) {
        unsigned char ch = (unsigned char) *s;
        if (ch <= 0x20 || ch >= 0x7f || ch == '%') text_add(t, "%%%02X", ch); else text_add(t, "%c", ch);
    }
}

/** Writes one whole line under the output lock, so lines of different threads never interleave. */
static void emit(text *t) {
    EnterCriticalSection(&out_lock);
    fwrite(t->s, 1, t->len, stdout);
    fputc('\n', stdout);
    fflush(stdout);
    LeaveCriticalSection(&out_lock);
    free(t->s);
    t->s = NULL; t->len = t->cap = 0;
}

/* ---- objects ---- */

enum kind { K_SOCKET, K_HANDLE, K_THREAD, K_WINDOW, K_OVERLAPPED, K_CS, K_APC,
            K_PROTOCOL_INFO /* duplicated handles and deferred accept: a WSAPROTOCOL_INFOW */ };

struct athread;

/** A named OVERLAPPED with the buffers and WSABUFs of the operation that uses it. */
typedef struct ovrec {
    WSAOVERLAPPED o;
    char name[NAME_LEN];
    WSABUF bufs[16];
    DWORD nbufs;
    char *mem;
    int receives;        /* recv or accept: the buffers hold data to report */
    int accepts;         /* AcceptEx: the buffer ends with two addresses */
    DWORD recvlen;       /* AcceptEx: the data part of the buffer */
    DWORD locallen, remotelen; /* AcceptEx: its address slots */
} ovrec;

/** One entry of the name table: what a Java-side name stands for. */
typedef struct obj {
    char name[NAME_LEN];
    enum kind kind;
    int closed;          /* a socket after closesocket: its value stays, for stale-handle calls */
    SOCKET sock;
    HANDLE h;
    HWND hwnd;
    ovrec *ov;
    struct athread *thr;
    CRITICAL_SECTION *cs;
    ULONG_PTR data;      /* an APC's parameter */
    WSAPROTOCOL_INFOW *info; /* duplicated handles and deferred accept: what WSADuplicateSocket filled */
} obj;

/** An agent thread: one script thread, its Windows thread and its queue of requests. */
typedef struct athread {
    char name[NAME_LEN];
    HANDLE h;
    HANDLE work;
    HANDLE started;
    CRITICAL_SECTION qlock;
    struct req { char *line; struct req *next; } *head, *tail;
    volatile LONG ended;
    volatile LONG busy;      /* a request is queued or running */
    char current[NAME_LEN];  /* the id of the request it is running, for callback lines */
    MSG msg;                 /* the last message GetMessage/PeekMessage retrieved, for DispatchMessage */
} athread;

static CRITICAL_SECTION table_lock;
static obj **table;
static int table_len, table_cap;
static __thread athread *self;

/** The live object called NAME, or NULL. Later entries win, so a re-created name refers to the newest. */
static obj *find(const char *name) {
    obj *found = NULL;
    EnterCriticalSection(&table_lock);
    for (int i = table_len - 1; i >= 0 && !found; i--)
        if (strcmp(table[i]->name, name) == 0) found = table[i];
    LeaveCriticalSection(&table_lock);
    return found;
}

static obj *add(const char *name, enum kind kind) {
    obj *o = calloc(1, sizeof *o);
    snprintf(o->name, sizeof o->name, "%s", name);
    o->kind = kind;
    EnterCriticalSection(&table_lock);
    if (table_len == table_cap) {
        table_cap = table_cap * 2 + 64;
        table = realloc(table, table_cap * sizeof *table);
    }
    table[table_len++] = o;
    LeaveCriticalSection(&table_lock);
    return o;
}

/** Writes the name of the socket with this value (an open one first), or #value. */
static void text_sockname(text *t, SOCKET s) {
    const char *best = NULL;
    EnterCriticalSection(&table_lock);
    for (int i = table_len - 1; i >= 0; i--)
        if (table[i]->kind == K_SOCKET && table[i]->sock == s && (!best || !table[i]->closed)) {
            best = table[i]->name;
            if (!table[i]->closed) break;
        }
    LeaveCriticalSection(&table_lock);
    if (best) text_add(t, "%s", best); else text_add(t, "#%lld", (long long) (INT_PTR) s);
}

static void text_ovname(text *t, LPOVERLAPPED p) {
    const char *best = NULL;
    EnterCriticalSection(&table_lock);
    for (int i = table_len - 1; i >= 0 && !best; i--)
        if (table[i]->kind == K_OVERLAPPED && &table[i]->ov->o == (WSAOVERLAPPED *) p) best = table[i]->name;
    LeaveCriticalSection(&table_lock);
    if (best) text_add(t, "%s", best);
    else if (!p) text_add(t, "NULL");
    else text_add(t, "#%lld", (long long) (INT_PTR) p);
}

static void text_hwndname(text *t, HWND w) {
    const char *best = NULL;
    EnterCriticalSection(&table_lock);
    for (int i = table_len - 1; i >= 0 && !best; i--)
        if (table[i]->kind == K_WINDOW && table[i]->hwnd == w) best = table[i]->name;
    LeaveCriticalSection(&table_lock);
    if (best) text_add(t, "%s", best);
    else if (!w) text_add(t, "NULL");
    else text_add(t, "#%lld", (long long) (INT_PTR) w);
}

/* ---- constants ---- */

typedef struct { const char *name; long long value; } constant;
#define C(x) { #x, (long long) (x) }
static const constant constants[] = {
    C(AF_UNSPEC), C(AF_INET), C(AF_INET6), C(SOCK_STREAM), C(SOCK_DGRAM), C(SOCK_RAW),
    C(IPPROTO_IP), C(IPPROTO_TCP), C(IPPROTO_UDP), C(SOL_SOCKET),
    C(SO_DEBUG), C(SO_ACCEPTCONN), C(SO_REUSEADDR), C(SO_KEEPALIVE), C(SO_DONTROUTE), C(SO_BROADCAST),
    C(SO_LINGER), C(SO_OOBINLINE), C(SO_DONTLINGER), C(SO_EXCLUSIVEADDRUSE), C(SO_SNDBUF), C(SO_RCVBUF),
    C(SO_SNDLOWAT), C(SO_RCVLOWAT), C(SO_SNDTIMEO), C(SO_RCVTIMEO), C(SO_ERROR), C(SO_TYPE),
    C(SO_UPDATE_ACCEPT_CONTEXT), C(SO_UPDATE_CONNECT_CONTEXT), C(TCP_NODELAY),
    C(FIONBIO), C(FIONREAD), C(SIOCATMARK), C(SIO_GET_EXTENSION_FUNCTION_POINTER), C(TF_REUSE_SOCKET),
    C(MSG_OOB), C(MSG_PEEK), C(MSG_DONTROUTE), C(MSG_WAITALL), C(MSG_PARTIAL),
    C(SD_RECEIVE), C(SD_SEND), C(SD_BOTH),
    C(FD_READ), C(FD_WRITE), C(FD_OOB), C(FD_ACCEPT), C(FD_CONNECT), C(FD_CLOSE), C(FD_QOS),
    C(FD_GROUP_QOS), C(FD_ROUTING_INTERFACE_CHANGE), C(FD_ADDRESS_LIST_CHANGE), C(FD_ALL_EVENTS),
    C(WSA_FLAG_OVERLAPPED), C(INFINITE), C(WSA_INFINITE), C(TRUE), C(FALSE), C(WM_USER), C(PM_REMOVE),
    C(PM_NOREMOVE), C(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), C(FILE_SKIP_SET_EVENT_ON_HANDLE),
    C(INADDR_ANY), C(SOMAXCONN),
};
static const char *const fd_names[FD_MAX_EVENTS] = {
    "FD_READ", "FD_WRITE", "FD_OOB", "FD_ACCEPT", "FD_CONNECT", "FD_CLOSE", "FD_QOS", "FD_GROUP_QOS",
    "FD_ROUTING_INTERFACE_CHANGE", "FD_ADDRESS_LIST_CHANGE",
};

static void text_fdmask(text *t, long mask) {
    int any = 0;
    for (int i = 0; i < FD_MAX_EVENTS; i++)
        if (mask & (1L << i)) { text_add(t, "%s%s", any ? "|" : "", fd_names[i]); any = 1; }
    if (!any) text_add(t, "0");
}

/* ---- one call: its arguments, its reply ---- */

typedef struct call {
    char *id;
    int argc;
    char **argv;          /* the verb's arguments */
    jmp_buf bad;
    char problem[200];
    long long ret;
    DWORD err;
    text out;             /* the outputs, each " key=value" */
} call;

static void fail(call *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->problem, sizeof c->problem, fmt, ap);
    va_end(ap);
    longjmp(c->bad, 1);
}

static const char *arg(call *c, int i) {
    if (i >= c->argc) fail(c, "missing argument %d", i + 1);
    return c->argv[i];
}

static int is_null(call *c, int i) { return strcmp(arg(c, i), "NULL") == 0; }

static long long one_number(call *c, const char *s) {
    char *end;
    long long v = strtoll(s, &end, 0);
    if (*s && !*end) return v;
    if (*s == '#') {
        v = strtoll(s + 1, &end, 0);
        if (s[1] && !*end) return v;
    }
    for (size_t i = 0; i < sizeof constants / sizeof *constants; i++)
        if (strcmp(constants[i].name, s) == 0) return constants[i].value;
    obj *o = find(s);
    if (o) {
        switch (o->kind) {
        case K_SOCKET: return (long long) (INT_PTR) o->sock;
        case K_WINDOW: return (long long) (INT_PTR) o->hwnd;
        case K_OVERLAPPED: return (long long) (INT_PTR) &o->ov->o;
        default: return (long long) (INT_PTR) o->h;
        }
    }
    fail(c, "not a number, constant or name: '%s'", s);
    return 0;
}

/** A number: decimal, hex, a constant, an object's value, or several joined by |. */
static long long num(call *c, int i) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg(c, i));
    long long v = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, "|", &save); p; p = strtok_r(NULL, "|", &save)) v |= one_number(c, p);
    return v;
}

static obj *object(call *c, int i, enum kind kind, const char *what) {
    obj *o = find(arg(c, i));
    if (!o || o->kind != kind) fail(c, "'%s' is not a %s", arg(c, i), what);
    return o;
}

static SOCKET sock_arg(call *c, int i) {
    const char *s = arg(c, i);
    if (s[0] == '#') return (SOCKET) (INT_PTR) num(c, i);
    obj *h = find(s); /* duplicated handles and deferred accept: a handle passed as a SOCKET, as (SOCKET) h */
    if (h && h->kind == K_HANDLE) return (SOCKET) (INT_PTR) h->h;
    return object(c, i, K_SOCKET, "socket")->sock;
}

/** Any waitable handle: an event, thread, port or socket by name, NULL, or #value. */
static HANDLE handle_arg(call *c, const char *s) {
    if (strcmp(s, "NULL") == 0) return NULL;
    if (strcmp(s, "INVALID_HANDLE_VALUE") == 0) return INVALID_HANDLE_VALUE;
    if (s[0] == '#') return (HANDLE) (INT_PTR) one_number(c, s);
    const char *bar = strchr(s, '|');
    if (bar && bar[1] >= '1' && bar[1] <= '3' && !bar[2]) { /* NAME|TAG: the handle with tag bits in its two low bits */
        char name[128];
        size_t n = (size_t) (bar - s) < sizeof name ? (size_t) (bar - s) : sizeof name - 1;
        memcpy(name, s, n);
        name[n] = 0;
        return (HANDLE) ((ULONG_PTR) handle_arg(c, name) | (ULONG_PTR) (bar[1] - '0'));
    }
    obj *o = find(s);
    if (!o) fail(c, "unknown name '%s'", s);
    if (o->kind == K_SOCKET) return (HANDLE) o->sock;
    if (o->kind == K_HANDLE || o->kind == K_THREAD) return o->h;
    fail(c, "'%s' is not a handle", s);
    return NULL;
}

static HWND window_arg(call *c, int i) {
    if (is_null(c, i)) return NULL;
    if (arg(c, i)[0] == '#') return (HWND) (INT_PTR) num(c, i);
    return object(c, i, K_WINDOW, "window")->hwnd;
}

static ovrec *ov_arg(call *c, int i) {
    if (is_null(c, i)) return NULL;
    obj *o = find(arg(c, i));
    if (!o) { o = add(arg(c, i), K_OVERLAPPED); o->ov = calloc(1, sizeof *o->ov); snprintf(o->ov->name, NAME_LEN, "%s", o->name); }
    if (o->kind != K_OVERLAPPED) fail(c, "'%s' is not an OVERLAPPED", arg(c, i));
    return o->ov;
}

/** Fills a sockaddr_in from [FAMILY@]A.B.C.D:PORT or a socket's name (where it is bound); NULL stays NULL. */
static struct sockaddr_in *addr_arg(call *c, int i, struct sockaddr_in *a) {
    if (is_null(c, i)) return NULL;
    obj *named = find(arg(c, i));
    if (named && named->kind == K_SOCKET) {
        if (named->closed) fail(c, "'%s' is closed: its value may name another socket now; give the address", named->name);
        int len = sizeof *a;
        DWORD saved = GetLastError();
        memset(a, 0, sizeof *a);
        getsockname(named->sock, (struct sockaddr *) a, &len);
        SetLastError(saved);
        return a;
    }
    char buf[128];
    snprintf(buf, sizeof buf, "%s", arg(c, i));
    char *p = buf;
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    char *at = strchr(p, '@');
    if (at) { *at = 0; a->sin_family = (short) strtol(p, NULL, 0); p = at + 1; }
    char *colon = strrchr(p, ':');
    if (!colon) fail(c, "not an address A.B.C.D:PORT: '%s'", arg(c, i));
    *colon = 0;
    a->sin_port = htons((u_short) strtol(colon + 1, NULL, 10));
    a->sin_addr.s_addr = inet_addr(p);
    return a;
}

static void text_addr(text *t, const struct sockaddr_in *a) {
    if (a->sin_family != AF_INET) text_add(t, "%d@", a->sin_family);
    const unsigned char *b = (const unsigned char *) &a->sin_addr;
    text_add(t, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3], ntohs(a->sin_port));
}

/** Bytes from hex, -, i:N or NULL; *n gets the count. The result is malloc'ed (NULL for NULL). */
static char *data_arg(call *c, const char *s, size_t *n) {
    *n = 0;
    if (strcmp(s, "NULL") == 0) return NULL;
    if (strcmp(s, "-") == 0) return calloc(1, 1);
    if (strncmp(s, "h:", 2) == 0) {
        obj *o = find(s + 2);
        if (!o || o->kind != K_SOCKET) fail(c, "'%s' is not a socket", s + 2);
        char *b = malloc(sizeof(SOCKET));
        memcpy(b, &o->sock, sizeof(SOCKET));
        *n = sizeof(SOCKET);
        return b;
    }
    if (strncmp(s, "i:", 2) == 0) {
        int v = (int) strtol(s + 2, NULL, 0);
        char *b = malloc(4);
        memcpy(b, &v, 4);
        *n = 4;
        return b;
    }
    size_t len = strlen(s);
    if (len % 2) fail(c, "odd number of hex digits");
    char *b = malloc(len / 2 + 1);
    for (size_t k = 0; k < len / 2; k++) {
        unsigned v;
        if (sscanf(s + 2 * k, "%2x", &v) != 1) fail(c, "not hex: '%s'", s);
        b[k] = (char) v;
    }
    *n = len / 2;
    return b;
}

/** Lengthens a buffer of n bytes to len with zeros, so that a call told len bytes reads only the buffer. */
static char *pad(char *b, size_t n, int len) {
    if (!b || len <= 0 || (size_t) len <= n) return b;
    b = realloc(b, len);
    memset(b + n, 0, len - n);
    return b;
}

/** Splits {a,b,c} into names; returns the count, or -1 for NULL. */
static int set_arg(call *c, int i, char names[][NAME_LEN], int max) {
    const char *s = arg(c, i);
    if (strcmp(s, "NULL") == 0) return -1;
    size_t len = strlen(s);
    if (len < 2 || s[0] != '{' || s[len - 1] != '}') fail(c, "not a set {a,b}: '%s'", s);
    int n = 0;
    const char *p = s + 1;
    while (*p != '}') {
        const char *e = p;
        while (*e != ',' && *e != '}') e++;
        if (n == max) fail(c, "more than %d elements", max);
        snprintf(names[n], NAME_LEN, "%.*s", (int) (e - p), p);
        n++;
        p = *e == ',' ? e + 1 : e;
    }
    return n;
}

/** Records the return value and the last error, right after the call. */
#define DONE(c, expr) do { (c)->ret = (long long) (expr); (c)->err = GetLastError(); } while (0)
#define DONE_U(c, expr) do { (c)->ret = (long long) (unsigned long long) (DWORD) (expr); (c)->err = GetLastError(); } while (0)

/* ---- Winsock: sockets ---- */

static void v_WSAStartup(call *c) {
    WSADATA d;
    memset(&d, 0, sizeof d);
    int with_data = c->argc < 2 || !is_null(c, 1);
    DONE(c, WSAStartup((WORD) num(c, 0), with_data ? &d : NULL));
    if (c->ret == 0 && with_data) {
        text_add(&c->out, " version=0x%x high=0x%x description=", d.wVersion, d.wHighVersion);
        text_escaped(&c->out, d.szDescription);
        text_add(&c->out, " status=");
        text_escaped(&c->out, d.szSystemStatus);
    }
}

static void v_WSACleanup(call *c) { DONE(c, WSACleanup()); }
static void v_WSAGetLastError(call *c) { DONE(c, WSAGetLastError()); }
static void v_WSASetLastError(call *c) { int e = (int) num(c, 0); WSASetLastError(e); DONE(c, 0); }
static void v_GetLastError(call *c) { DONE_U(c, GetLastError()); }
static void v_SetLastError(call *c) { DWORD e = (DWORD) num(c, 0); SetLastError(e); DONE(c, 0); }

static void new_socket(const char *name, SOCKET s) {
    if (s != INVALID_SOCKET) add(name, K_SOCKET)->sock = s;
}

static void v_socket(call *c) {
    int af = (int) num(c, 1), type = (int) num(c, 2), proto = (int) num(c, 3);
    SOCKET s = socket(af, type, proto);
    DONE(c, (INT_PTR) s);
    new_socket(arg(c, 0), s);
}

static void v_WSASocket(call *c) {
    int af = (int) num(c, 1), type = (int) num(c, 2), proto = (int) num(c, 3);
    DWORD flags = (DWORD) num(c, 4);
    /* duplicated handles and deferred accept: an optional protocol info that WSADuplicateSocket filled */
    WSAPROTOCOL_INFOW *info = c->argc > 5 && !is_null(c, 5) ? object(c, 5, K_PROTOCOL_INFO, "protocol info")->info : NULL;
    SOCKET s = WSASocketW(af, type, proto, info, 0, flags);
    DONE(c, (INT_PTR) s);
    new_socket(arg(c, 0), s);
}

static void v_bind(call *c) {
    SOCKET s = sock_arg(c, 0);
    struct sockaddr_in a;
    struct sockaddr_in *p = addr_arg(c, 1, &a);
    int len = (int) num(c, 2);
    DONE(c, bind(s, (struct sockaddr *) p, len));
}

static void v_connect(call *c) {
    SOCKET s = sock_arg(c, 0);
    struct sockaddr_in a;
    struct sockaddr_in *p = addr_arg(c, 1, &a);
    int len = (int) num(c, 2);
    DONE(c, connect(s, (struct sockaddr *) p, len));
}

static void v_listen(call *c) { SOCKET s = sock_arg(c, 0); int b = (int) num(c, 1); DONE(c, listen(s, b)); }
static void v_shutdown(call *c) { SOCKET s = sock_arg(c, 0); int how = (int) num(c, 1); DONE(c, shutdown(s, how)); }

/* A disconnect-data WSABUF of DATA zero bytes (arg i; freed by the caller), or NULL for -1. */
static WSABUF *disconnect_data(call *c, int i, WSABUF *b) {
    long long len = num(c, i);
    if (len < 0) return NULL;
    b->len = (ULONG) len;
    b->buf = calloc((size_t) len + 1, 1);
    if (!b->buf) fail(c, "no memory for %lld bytes of disconnect data", len);
    return b;
}

static void v_WSASendDisconnect(call *c) {
    SOCKET s = sock_arg(c, 0);
    WSABUF b = {0}, *data = disconnect_data(c, 1, &b);
    DONE(c, WSASendDisconnect(s, data)); /* the error is read before free() */
    free(b.buf);
}

static void v_WSARecvDisconnect(call *c) {
    SOCKET s = sock_arg(c, 0);
    WSABUF b = {0}, *data = disconnect_data(c, 1, &b);
    DONE(c, WSARecvDisconnect(s, data)); /* the error is read before free() */
    free(b.buf);
}

static void v_closesocket(call *c) {
    const char *name = arg(c, 0);
    SOCKET s = sock_arg(c, 0);
    DONE(c, closesocket(s));
    obj *o = name[0] == '#' ? NULL : find(name);
    if (c->ret == 0 && o) o->closed = 1;
}

/** The reply of accept or WSAAccept: the new socket gets the name in argument 0; addr= and addrlen= when given. */
static void accepted(call *c, SOCKET s, struct sockaddr_in *a, int *len) {
    DONE(c, (INT_PTR) s);
    new_socket(arg(c, 0), s);
    if (s != INVALID_SOCKET) {
        if (a) { text_add(&c->out, " addr="); text_addr(&c->out, a); }
        if (len) text_add(&c->out, " addrlen=%d", *len);
    }
}

static void v_accept(call *c) {
    SOCKET l = sock_arg(c, 1);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    int len = 0;
    int with_addr = !is_null(c, 2), with_len = !is_null(c, 3);
    if (with_len) len = (int) num(c, 3);
    SOCKET s = accept(l, with_addr ? (struct sockaddr *) &a : NULL, with_len ? &len : NULL);
    accepted(c, s, with_addr ? &a : NULL, with_len ? &len : NULL);
}

static void v_send(call *c) {
    SOCKET s = sock_arg(c, 0);
    size_t n;
    char *b = data_arg(c, arg(c, 1), &n);
    int len = (int) num(c, 2), flags = (int) num(c, 3);
    b = pad(b, n, len);
    DONE(c, send(s, b, len, flags));
    free(b);
}

static void v_recv(call *c) {
    SOCKET s = sock_arg(c, 0);
    int with_buf = !is_null(c, 1);
    int len = with_buf ? (int) num(c, 1) : (int) num(c, 2);
    int flags = (int) num(c, with_buf ? 2 : 3);
    char *b = with_buf ? malloc(len > 0 ? len : 1) : NULL;
    DONE(c, recv(s, b, len, flags));
    if (b && c->ret > 0) { text_add(&c->out, " data="); text_hex(&c->out, (unsigned char *) b, (size_t) c->ret); }
    free(b);
}

/* ---- UDP ---- */

static void v_sendto(call *c) {
    SOCKET s = sock_arg(c, 0);
    size_t n;
    char *b = data_arg(c, arg(c, 1), &n);
    int len = (int) num(c, 2), flags = (int) num(c, 3);
    struct sockaddr_in a;
    struct sockaddr_in *p = addr_arg(c, 4, &a);
    int tolen = (int) num(c, 5);
    b = pad(b, n, len);
    DONE(c, sendto(s, b, len, flags, (struct sockaddr *) p, tolen));
    free(b);
}

static void v_recvfrom(call *c) {
    SOCKET s = sock_arg(c, 0);
    int len = (int) num(c, 1), flags = (int) num(c, 2);
    int with_addr = !is_null(c, 3), with_len = !is_null(c, 4);
    int fromlen = with_len ? (int) num(c, 4) : 0;
    union { struct sockaddr_in in; char room[1024]; } a; /* FROMLEN may say up to 1024 bytes (test_UDP) */
    memset(&a, 0, sizeof a);
    if (fromlen > (int) sizeof a) fromlen = (int) sizeof a;
    char *b = malloc(len > 0 ? len : 1);
    DONE(c, recvfrom(s, b, len, flags, with_addr ? (struct sockaddr *) &a.in : NULL, with_len ? &fromlen : NULL));
    int got = c->ret >= 0 ? (int) c->ret : c->err == WSAEMSGSIZE ? len : -1;
    if (got > 0) { text_add(&c->out, " data="); text_hex(&c->out, (unsigned char *) b, (size_t) got); }
    if (got >= 0 && with_addr) { text_add(&c->out, " addr="); text_addr(&c->out, &a.in); }
    if (got >= 0 && with_len) text_add(&c->out, " addrlen=%d", fromlen);
    free(b);
}

static void v_ioctlsocket(call *c) {
    SOCKET s = sock_arg(c, 0);
    long cmd = (long) num(c, 1);
    u_long v = 0;
    int with_arg = !is_null(c, 2);
    if (with_arg) v = (u_long) num(c, 2);
    DONE(c, ioctlsocket(s, cmd, with_arg ? &v : NULL));
    if (c->ret == 0 && with_arg) text_add(&c->out, " arg=%lu", v);
}

static void v_setsockopt(call *c) {
    SOCKET s = sock_arg(c, 0);
    int level = (int) num(c, 1), opt = (int) num(c, 2);
    size_t n;
    char *b = data_arg(c, arg(c, 3), &n);
    int len = (int) num(c, 4);
    b = pad(b, n, len);
    DONE(c, setsockopt(s, level, opt, b, len));
    free(b);
}

static void v_getsockopt(call *c) {
    SOCKET s = sock_arg(c, 0);
    int level = (int) num(c, 1), opt = (int) num(c, 2);
    int with_len = !is_null(c, 3);
    int len = with_len ? (int) num(c, 3) : 0;
    int with_buf = c->argc < 5 || !is_null(c, 4);
    char b[256];
    memset(b, 0, sizeof b);
    DONE(c, getsockopt(s, level, opt, with_buf ? b : NULL, with_len ? &len : NULL));
    if (c->ret == 0) {
        text_add(&c->out, " optval=");
        text_hex(&c->out, (unsigned char *) b, len > 0 && len <= (int) sizeof b ? (size_t) len : 0);
        text_add(&c->out, " optlen=%d", len);
    }
}

static void name_call(call *c, int peer) {
    SOCKET s = sock_arg(c, 0);
    int with_len = !is_null(c, 1);
    int len = with_len ? (int) num(c, 1) : 0;
    int with_buf = c->argc < 3 || !is_null(c, 2);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    struct sockaddr *p = with_buf ? (struct sockaddr *) &a : NULL;
    if (peer) DONE(c, getpeername(s, p, with_len ? &len : NULL));
    else DONE(c, getsockname(s, p, with_len ? &len : NULL));
    if (c->ret == 0 && with_buf) { text_add(&c->out, " addr="); text_addr(&c->out, &a); }
    if (c->ret == 0 && with_len) text_add(&c->out, " addrlen=%d", len);
}

static void v_getsockname(call *c) { name_call(c, 0); }
static void v_getpeername(call *c) { name_call(c, 1); }

static fd_set *fdset_arg(call *c, int i, fd_set *set) {
    static __thread char names[FD_SETSIZE][NAME_LEN];
    int n = set_arg(c, i, names, FD_SETSIZE);
    if (n < 0) return NULL;
    set->fd_count = 0;
    for (int k = 0; k < n; k++) {
        obj *o = names[k][0] == '#' ? NULL : find(names[k]);
        if (names[k][0] != '#' && (!o || o->kind != K_SOCKET)) fail(c, "'%s' is not a socket", names[k]);
        set->fd_array[set->fd_count++] = o ? o->sock : (SOCKET) (INT_PTR) one_number(c, names[k]);
    }
    return set;
}

static void text_fdset(text *t, const char *key, fd_set *set) {
    text_add(t, " %s=", key);
    if (!set) { text_add(t, "NULL"); return; }
    text_add(t, "{");
    for (u_int k = 0; k < set->fd_count; k++) {
        if (k) text_add(t, ",");
        text_sockname(t, set->fd_array[k]);
    }
    text_add(t, "}");
}

static void v_select(call *c) {
    static __thread fd_set r, w, e;
    int nfds = (int) num(c, 0);
    fd_set *pr = fdset_arg(c, 1, &r), *pw = fdset_arg(c, 2, &w), *pe = fdset_arg(c, 3, &e);
    struct timeval tv, *ptv = NULL;
    if (!is_null(c, 4)) {
        char *colon = strchr(arg(c, 4), ':');
        if (!colon) fail(c, "timeout is SEC:USEC or NULL");
        tv.tv_sec = strtol(arg(c, 4), NULL, 10);
        tv.tv_usec = strtol(colon + 1, NULL, 10);
        ptv = &tv;
    }
    DONE(c, select(nfds, pr, pw, pe, ptv));
    if (c->ret != SOCKET_ERROR) {
        text_fdset(&c->out, "read", pr);
        text_fdset(&c->out, "write", pw);
        text_fdset(&c->out, "except", pe);
    }
}

/* ---- kernel32: events, handles, waits, threads, APCs, critical sections ---- */

static void new_handle(const char *name, HANDLE h) {
    if (h) add(name, K_HANDLE)->h = h;
}

static int truth(call *c, int i) { return num(c, i) != 0; }

static void v_CreateEvent(call *c) {
    BOOL manual = truth(c, 1), initial = truth(c, 2);
    HANDLE h = CreateEventA(NULL, manual, initial, NULL);
    DONE(c, (INT_PTR) h);
    new_handle(arg(c, 0), h);
}

static void v_SetEvent(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, SetEvent(h)); }
static void v_ResetEvent(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, ResetEvent(h)); }
static void v_CloseHandle(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, CloseHandle(h)); }

static void v_WaitForSingleObject(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    DWORD ms = (DWORD) num(c, 1);
    DONE_U(c, WaitForSingleObject(h, ms));
}

static void v_WaitForSingleObjectEx(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    DWORD ms = (DWORD) num(c, 1);
    BOOL alertable = truth(c, 2);
    DONE_U(c, WaitForSingleObjectEx(h, ms, alertable));
}

/** N and {H..}: an array of N handles (the listed ones, then NULLs). */
static DWORD handles_arg(call *c, int i, HANDLE *hs) {
    char names[MAXIMUM_WAIT_OBJECTS + 1][NAME_LEN];
    DWORD n = (DWORD) num(c, i);
    int listed = set_arg(c, i + 1, names, MAXIMUM_WAIT_OBJECTS + 1);
    memset(hs, 0, (MAXIMUM_WAIT_OBJECTS + 1) * sizeof *hs);
    for (int k = 0; k < listed; k++) hs[k] = handle_arg(c, names[k]);
    return n;
}

static void wait_multiple(call *c, int ex) {
    HANDLE hs[MAXIMUM_WAIT_OBJECTS + 1];
    DWORD n = handles_arg(c, 0, hs);
    BOOL all = truth(c, 2);
    DWORD ms = (DWORD) num(c, 3);
    BOOL alertable = ex ? truth(c, 4) : FALSE;
    DONE_U(c, WaitForMultipleObjectsEx(n, hs, all, ms, alertable));
}

static void v_WaitForMultipleObjects(call *c) { wait_multiple(c, 0); }
static void v_WaitForMultipleObjectsEx(call *c) { wait_multiple(c, 1); }

static void v_Sleep(call *c) { DWORD ms = (DWORD) num(c, 0); Sleep(ms); DONE(c, 0); }

static void v_SleepEx(call *c) {
    DWORD ms = (DWORD) num(c, 0);
    BOOL alertable = truth(c, 1);
    DONE_U(c, SleepEx(ms, alertable));
}

static void begin_callback(text *t, const char *kind, const char *name) {
    text_add(t, "cb %s %s %s", self ? self->current : "?", kind, name);
}

static void CALLBACK recording_apc(ULONG_PTR param) {
    obj *apc = (obj *) param;
    text t = {0};
    begin_callback(&t, "apc", apc->name);
    text_add(&t, " data=%llu", (unsigned long long) apc->data);
    emit(&t);
}

static void v_QueueUserAPC(call *c) {
    HANDLE target = handle_arg(c, arg(c, 1));
    ULONG_PTR data = (ULONG_PTR) num(c, 2);
    obj *apc = add(arg(c, 0), K_APC);
    apc->data = data;
    DONE(c, QueueUserAPC(recording_apc, target, (ULONG_PTR) apc));
}

static athread *start_thread(const char *name);

static void v_CreateThread(call *c) {
    athread *t = start_thread(arg(c, 0));
    c->ret = (long long) (INT_PTR) t->h;
    c->err = GetLastError();
    text_add(&c->out, " tid=%lu", GetThreadId(t->h));
}

static void v_exit(call *c) { DONE(c, num(c, 0)); }

static void v_GetExitCodeThread(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    DWORD code = 0;
    DONE(c, GetExitCodeThread(h, &code));
    if (c->ret) text_add(&c->out, " code=%lu", code);
}

static void v_GetCurrentThreadId(call *c) { DONE_U(c, GetCurrentThreadId()); }

/* ---- issue 16: thread names ---- */

/* SetThreadDescription through GetProcAddress: mingw-w64's headers declare it only for newer targets. */
typedef HRESULT (WINAPI *set_description_fn)(HANDLE, PCWSTR);

static void v_SetThreadDescription(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    size_t n;
    char *utf8 = data_arg(c, arg(c, 1), &n);
    WCHAR *wide = NULL;
    if (utf8) {
        wide = calloc(n + 1, sizeof(WCHAR));
        if (n) MultiByteToWideChar(CP_UTF8, 0, utf8, (int) n, wide, (int) n);
    }
    set_description_fn fn = (set_description_fn) (void (*)(void)) GetProcAddress(GetModuleHandleA("kernel32.dll"), "SetThreadDescription");
    if (!fn) fail(c, "SetThreadDescription is not exported by this kernel32");
    c->ret = (long long) fn(h, wide);
    c->err = GetLastError();
    free(wide);
    free(utf8);
}
static void v_GetTickCount(call *c) { DONE_U(c, GetTickCount()); }

static void v_GetSystemInfo(call *c) {
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    DONE(c, 0);
    text_add(&c->out, " processors=%lu pagesize=%lu", si.dwNumberOfProcessors, si.dwPageSize);
}

static CRITICAL_SECTION *cs_arg(call *c, int i) { return object(c, i, K_CS, "critical section")->cs; }

static void v_InitializeCriticalSection(call *c) {
    obj *o = add(arg(c, 0), K_CS);
    o->cs = malloc(sizeof *o->cs);
    InitializeCriticalSection(o->cs);
    DONE(c, 0);
}

static void v_EnterCriticalSection(call *c) { CRITICAL_SECTION *cs = cs_arg(c, 0); EnterCriticalSection(cs); DONE(c, 0); }
static void v_LeaveCriticalSection(call *c) { CRITICAL_SECTION *cs = cs_arg(c, 0); LeaveCriticalSection(cs); DONE(c, 0); }
static void v_DeleteCriticalSection(call *c) { CRITICAL_SECTION *cs = cs_arg(c, 0); DeleteCriticalSection(cs); DONE(c, 0); }

/* ---- WSAEventSelect ---- */

static void v_WSACreateEvent(call *c) {
    WSAEVENT h = WSACreateEvent();
    DONE(c, (INT_PTR) h);
    if (h != WSA_INVALID_EVENT) new_handle(arg(c, 0), h);
}

static void v_WSASetEvent(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, WSASetEvent(h)); }
static void v_WSAResetEvent(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, WSAResetEvent(h)); }
static void v_WSACloseEvent(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, WSACloseEvent(h)); }

static void v_WSAEventSelect(call *c) {
    SOCKET s = sock_arg(c, 0);
    HANDLE e = handle_arg(c, arg(c, 1));
    long mask = (long) num(c, 2);
    DONE(c, WSAEventSelect(s, e, mask));
}

static void v_WSAEnumNetworkEvents(call *c) {
    SOCKET s = sock_arg(c, 0);
    HANDLE e = handle_arg(c, arg(c, 1));
    WSANETWORKEVENTS ne;
    memset(&ne, 0, sizeof ne);
    DONE(c, WSAEnumNetworkEvents(s, e, &ne));
    if (c->ret == 0) {
        text_add(&c->out, " events=");
        text_fdmask(&c->out, ne.lNetworkEvents);
        text_add(&c->out, " errors=");
        for (int i = 0; i < FD_MAX_EVENTS; i++) text_add(&c->out, "%s%d", i ? "," : "", ne.iErrorCode[i]);
    }
}

static void v_WSAWaitForMultipleEvents(call *c) {
    HANDLE hs[MAXIMUM_WAIT_OBJECTS + 1];
    DWORD n = handles_arg(c, 0, hs);
    BOOL all = truth(c, 2);
    DWORD ms = (DWORD) num(c, 3);
    BOOL alertable = truth(c, 4);
    DONE_U(c, WSAWaitForMultipleEvents(n, hs, all, ms, alertable));
}

/* ---- WSAAsyncSelect: message-only windows and the message loop ---- */

/* The open socket object whose SOCKET a message's wParam holds, or NULL. */
static obj *socket_of(SOCKET wp) {
    obj *s = NULL;
    EnterCriticalSection(&table_lock);
    for (int i = table_len - 1; i >= 0 && !s; i--)
        if (table[i]->kind == K_SOCKET && !table[i]->closed && table[i]->sock == wp) s = table[i];
    LeaveCriticalSection(&table_lock);
    return s;
}

static LRESULT CALLBACK recording_wndproc(HWND w, UINT msg, WPARAM wp, LPARAM lp) {
    if (msg < WM_USER) return DefWindowProcA(w, msg, wp, lp);
    text t = {0};
    text_add(&t, "cb %s wndproc ", self ? self->current : "?");
    text_hwndname(&t, w);
    text_add(&t, " msg=%u wparam=%llu lparam=0x%llx", msg, (unsigned long long) wp, (unsigned long long) lp);
    obj *s = socket_of((SOCKET) wp);
    if (s) {
        text_add(&t, " sock=%s event=", s->name);
        text_fdmask(&t, WSAGETSELECTEVENT(lp));
        text_add(&t, " error=%d", WSAGETSELECTERROR(lp));
    }
    emit(&t);
    return 0;
}

static void v_window(call *c) {
    static LONG registered;
    if (InterlockedCompareExchange(&registered, 1, 0) == 0) {
        WNDCLASSA wc;
        memset(&wc, 0, sizeof wc);
        wc.lpfnWndProc = recording_wndproc;
        wc.hInstance = GetModuleHandleA(NULL);
        wc.lpszClassName = "winsim-agent";
        RegisterClassA(&wc);
    }
    HWND w = CreateWindowExA(0, "winsim-agent", arg(c, 0), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, GetModuleHandleA(NULL), NULL);
    DONE(c, (INT_PTR) w);
    if (w) add(arg(c, 0), K_WINDOW)->hwnd = w;
}

static void v_WSAAsyncSelect(call *c) {
    SOCKET s = sock_arg(c, 0);
    HWND w = window_arg(c, 1);
    UINT msg = (UINT) num(c, 2);
    long mask = (long) num(c, 3);
    DONE(c, WSAAsyncSelect(s, w, msg, mask));
}

static void text_msg(text *t, const MSG *m) {
    text_add(t, " hwnd=");
    text_hwndname(t, m->hwnd);
    text_add(t, " msg=%u wparam=%llu lparam=0x%llx", m->message, (unsigned long long) m->wParam, (unsigned long long) m->lParam);
    obj *s = m->message >= WM_USER ? socket_of((SOCKET) m->wParam) : NULL;
    if (s) text_add(t, " sock=%s", s->name);
}

static void v_GetMessage(call *c) {
    HWND w = window_arg(c, 0);
    UINT lo = (UINT) num(c, 1), hi = (UINT) num(c, 2);
    DONE(c, GetMessageA(&self->msg, w, lo, hi));
    if (c->ret != -1) text_msg(&c->out, &self->msg);
}

static void v_PeekMessage(call *c) {
    HWND w = window_arg(c, 0);
    UINT lo = (UINT) num(c, 1), hi = (UINT) num(c, 2), remove = (UINT) num(c, 3);
    DONE(c, PeekMessageA(&self->msg, w, lo, hi, remove));
    if (c->ret) text_msg(&c->out, &self->msg);
}

static void v_DispatchMessage(call *c) { DONE(c, DispatchMessageA(&self->msg)); }

static void v_PostMessage(call *c) {
    HWND w = window_arg(c, 0);
    UINT msg = (UINT) num(c, 1);
    WPARAM wp = (WPARAM) num(c, 2);
    LPARAM lp = (LPARAM) num(c, 3);
    DONE(c, PostMessageA(w, msg, wp, lp));
}

/* issue 11: the rest of a message loop's user32 calls */
static void v_TranslateMessage(call *c) { DONE(c, TranslateMessage(&self->msg)); }
static void v_DestroyWindow(call *c) { HWND w = window_arg(c, 0); DONE(c, DestroyWindow(w)); }
static void v_PostQuitMessage(call *c) { PostQuitMessage((int) num(c, 0)); DONE(c, 0); }

static void v_DefWindowProc(call *c) {
    HWND w = window_arg(c, 0);
    UINT msg = (UINT) num(c, 1);
    DONE(c, DefWindowProcA(w, msg, (WPARAM) num(c, 2), (LPARAM) num(c, 3)));
}

/* ---- overlapped I/O ---- */

/* The extension functions, loaded through WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER). */
static LPFN_ACCEPTEX accept_ex;
static LPFN_CONNECTEX connect_ex;
static LPFN_GETACCEPTEXSOCKADDRS get_accept_ex_sockaddrs;
static LPFN_DISCONNECTEX disconnect_ex;

static void v_overlapped(call *c) {
    ovrec *ov = ov_arg(c, 0);
    if (!ov) fail(c, "an OVERLAPPED needs a name");
    HANDLE e = handle_arg(c, arg(c, 1));
    memset(&ov->o, 0, sizeof ov->o);
    ov->o.hEvent = e;
    DONE(c, 0);
}

static void v_ovstate(call *c) {
    ovrec *ov = ov_arg(c, 0);
    if (!ov) fail(c, "an OVERLAPPED needs a name");
    DONE(c, 0);
    text_add(&c->out, " status=0x%llx bytes=%llu", (unsigned long long) ov->o.Internal, (unsigned long long) ov->o.InternalHigh);
}

static void v_ovset(call *c) {
    ovrec *ov = ov_arg(c, 0);
    if (!ov) fail(c, "an OVERLAPPED needs a name");
    ov->o.Internal = (ULONG_PTR) (DWORD) num(c, 1);
    ov->o.InternalHigh = (ULONG_PTR) num(c, 2);
    DONE(c, 0);
}

/** Gives the OVERLAPPED fresh buffers (the old ones are kept while an operation may still use them). */
static void ov_buffers(ovrec *ov, const DWORD *lens, char **contents, DWORD n, int receives) {
    if (ov->o.Internal != STATUS_PENDING) free(ov->mem);
    size_t total = 0;
    for (DWORD k = 0; k < n; k++) total += lens[k];
    ov->mem = calloc(1, total + 1);
    char *p = ov->mem;
    for (DWORD k = 0; k < n; k++) {
        ov->bufs[k].buf = p;
        ov->bufs[k].len = lens[k];
        if (contents) memcpy(p, contents[k], lens[k]);
        p += lens[k];
    }
    ov->nbufs = n;
    ov->receives = receives;
    ov->accepts = 0;
    HANDLE e = ov->o.hEvent;
    memset(&ov->o, 0, sizeof ov->o);
    ov->o.hEvent = e;
}

/** The data a completed receive left in the OVERLAPPED's buffers: data=, and local=/remote= for AcceptEx. */
static void text_ov_data(text *t, ovrec *ov, DWORD bytes) {
    if (!ov || !ov->receives) return;
    text_add(t, " data=");
    DWORD left = bytes;
    int any = 0;
    for (DWORD k = 0; k < ov->nbufs && left > 0; k++) {
        DWORD n = ov->bufs[k].len < left ? ov->bufs[k].len : left;
        text_hex(t, (unsigned char *) ov->bufs[k].buf, n);
        left -= n;
        any = 1;
    }
    if (!any) text_add(t, "-");
    if (ov->accepts) {
        struct sockaddr *local = NULL, *remote = NULL;
        int ll = 0, rl = 0;
        if (get_accept_ex_sockaddrs) {
            get_accept_ex_sockaddrs(ov->mem, ov->recvlen, ov->locallen, ov->remotelen, &local, &ll, &remote, &rl);
            if (local) { text_add(t, " local="); text_addr(t, (struct sockaddr_in *) local); }
            if (remote) { text_add(t, " remote="); text_addr(t, (struct sockaddr_in *) remote); }
        }
    }
}

static ovrec *ov_of(LPWSAOVERLAPPED o) {
    ovrec *found = NULL;
    EnterCriticalSection(&table_lock);
    for (int i = table_len - 1; i >= 0 && !found; i--)
        if (table[i]->kind == K_OVERLAPPED && &table[i]->ov->o == o) found = table[i]->ov;
    LeaveCriticalSection(&table_lock);
    return found;
}

static void CALLBACK recording_completion(DWORD err, DWORD bytes, LPWSAOVERLAPPED o, DWORD flags) {
    text t = {0};
    text_add(&t, "cb %s completion ", self ? self->current : "?");
    text_ovname(&t, o);
    text_add(&t, " err=%lu bytes=%lu flags=%lu", err, bytes, flags);
    if (err == 0) text_ov_data(&t, ov_of(o), bytes);
    emit(&t);
}

static LPWSAOVERLAPPED_COMPLETION_ROUTINE routine_arg(call *c, int i) {
    const char *s = arg(c, i);
    if (strcmp(s, "cr") == 0) return recording_completion;
    if (strcmp(s, "-") == 0 || strcmp(s, "NULL") == 0) return NULL;
    fail(c, "a completion routine is cr or -: '%s'", s);
    return NULL;
}

/* The DATA[,DATA..] argument i as the WSABUFs of `use` (at most 16): their count. */
static DWORD send_buffers(call *c, int i, ovrec *use) {
    char *whole = strdup(arg(c, i)), *save = NULL;
    char *contents[16];
    DWORD lens[16] = {0}, n = 0;
    for (char *p = strtok_r(whole, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (n == 16) fail(c, "more than 16 buffers");
        size_t len;
        contents[n] = data_arg(c, p, &len);
        lens[n++] = (DWORD) len;
    }
    free(whole);
    ov_buffers(use, lens, contents, n, 0);
    for (DWORD k = 0; k < n; k++) free(contents[k]);
    return n;
}

/* The LEN[,LEN..] argument i as fresh receive WSABUFs of `use` (at most 16): their count; *total gets the sum. */
static DWORD receive_buffers(call *c, int i, ovrec *use, DWORD *total) {
    char *whole = strdup(arg(c, i)), *save = NULL;
    DWORD lens[16], n = 0;
    *total = 0;
    for (char *p = strtok_r(whole, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (n == 16) fail(c, "more than 16 buffers");
        lens[n] = (DWORD) strtoul(p, NULL, 0);
        *total += lens[n++];
    }
    free(whole);
    ov_buffers(use, lens, NULL, n, 1);
    return n;
}

static void v_WSASend(call *c) {
    SOCKET s = sock_arg(c, 0);
    ovrec *ov = ov_arg(c, 1);
    DWORD flags = (DWORD) num(c, 3);
    LPWSAOVERLAPPED_COMPLETION_ROUTINE cr = routine_arg(c, 4);
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    ovrec *use = ov ? ov : &temp;
    DWORD n = send_buffers(c, 2, use);
    DWORD sent = 0;
    int with_count = c->argc < 6 || !is_null(c, 5);
    DONE(c, WSASend(s, use->bufs, n, with_count ? &sent : NULL, flags, ov ? &ov->o : NULL, cr));
    if (!with_count && ov && c->ret == 0) sent = (DWORD) ov->o.InternalHigh;
    text_add(&c->out, " sent=%lu", sent);
    if (!ov) free(temp.mem);
}

static void v_WSARecv(call *c) {
    SOCKET s = sock_arg(c, 0);
    ovrec *ov = ov_arg(c, 1);
    DWORD flags = (DWORD) num(c, 3);
    LPWSAOVERLAPPED_COMPLETION_ROUTINE cr = routine_arg(c, 4);
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    ovrec *use = ov ? ov : &temp;
    DWORD total;
    DWORD n = receive_buffers(c, 2, use, &total);
    DWORD got = 0;
    int with_count = c->argc < 6 || !is_null(c, 5);
    DONE(c, WSARecv(s, use->bufs, n, with_count ? &got : NULL, &flags, ov ? &ov->o : NULL, cr));
    if (!with_count && ov && c->ret == 0) got = (DWORD) ov->o.InternalHigh; /* done at once: the status block has the count */
    text_add(&c->out, " recvd=%lu flags=%lu", got, flags);
    if (c->ret == 0) text_ov_data(&c->out, use, got);
    if (!ov) free(temp.mem);
}

/* ---- UDP ---- */

/* WSASendTo (msg 0) or WSASendMsg (msg 1: the buffers and address as a WSAMSG; NULL buffers: a NULL WSAMSG). */
static void send_datagram(call *c, int msg) {
    SOCKET s = sock_arg(c, 0);
    ovrec *ov = ov_arg(c, 1);
    DWORD flags = (DWORD) num(c, 3);
    LPWSAOVERLAPPED_COMPLETION_ROUTINE cr = routine_arg(c, 4);
    struct sockaddr_in a;
    struct sockaddr_in *to = addr_arg(c, 5, &a);
    int tolen = (int) num(c, 6);
    int with_count = c->argc < 8 || !is_null(c, 7);
    int no_msg = msg && is_null(c, 2);
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    ovrec *use = ov ? ov : &temp;
    DWORD n = no_msg ? 0 : send_buffers(c, 2, use);
    DWORD sent = 0;
    if (msg) {
        WSAMSG m;
        memset(&m, 0, sizeof m);
        m.name = (struct sockaddr *) to;
        m.namelen = tolen;
        m.lpBuffers = use->bufs;
        m.dwBufferCount = n;
        DONE(c, WSASendMsg(s, no_msg ? NULL : &m, flags, with_count ? &sent : NULL, ov ? &ov->o : NULL, cr));
    } else {
        DONE(c, WSASendTo(s, use->bufs, n, with_count ? &sent : NULL, flags, (struct sockaddr *) to, tolen, ov ? &ov->o : NULL, cr));
    }
    text_add(&c->out, " sent=%lu", sent);
    if (!ov) free(temp.mem);
}

static void v_WSASendTo(call *c) { send_datagram(c, 0); }
static void v_WSASendMsg(call *c) { send_datagram(c, 1); }

static void v_WSARecvFrom(call *c) {
    SOCKET s = sock_arg(c, 0);
    if (!is_null(c, 1)) fail(c, "WSARecvFrom takes no OVERLAPPED here (the source of a pending receive is not kept)");
    DWORD flags = (DWORD) num(c, 3);
    int with_addr = !is_null(c, 4), with_len = !is_null(c, 5);
    int fromlen = with_len ? (int) num(c, 5) : 0;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    DWORD total;
    DWORD n = receive_buffers(c, 2, &temp, &total);
    DWORD got = 0;
    DONE(c, WSARecvFrom(s, temp.bufs, n, &got, &flags, with_addr ? (struct sockaddr *) &a : NULL, with_len ? &fromlen : NULL,
                        NULL, NULL));
    text_add(&c->out, " recvd=%lu flags=%lu", got, flags);
    if (c->ret == 0 || c->err == WSAEMSGSIZE) { /* WSAEMSGSIZE: the buffers were filled */
        text_ov_data(&c->out, &temp, c->ret == 0 ? got : total);
        if (with_addr) { text_add(&c->out, " addr="); text_addr(&c->out, &a); }
        if (with_len) text_add(&c->out, " addrlen=%d", fromlen);
    }
    free(temp.mem);
}

static void v_WSAGetOverlappedResult(call *c) {
    SOCKET s = sock_arg(c, 0);
    ovrec *ov = ov_arg(c, 1);
    BOOL wait = truth(c, 2);
    DWORD bytes = 0, flags = 0;
    DONE(c, WSAGetOverlappedResult(s, ov ? &ov->o : NULL, &bytes, wait, &flags));
    text_add(&c->out, " bytes=%lu flags=%lu", bytes, flags);
    if (c->ret) text_ov_data(&c->out, ov, bytes);
}

static void v_GetOverlappedResult(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    ovrec *ov = ov_arg(c, 1);
    BOOL wait = truth(c, 2);
    DWORD bytes = 0;
    DONE(c, GetOverlappedResult(h, ov ? (LPOVERLAPPED) &ov->o : NULL, &bytes, wait));
    text_add(&c->out, " bytes=%lu", bytes);
    if (c->ret) text_ov_data(&c->out, ov, bytes);
}

static void v_CancelIo(call *c) { HANDLE h = handle_arg(c, arg(c, 0)); DONE(c, CancelIo(h)); }

static void v_CancelIoEx(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    ovrec *ov = ov_arg(c, 1);
    DONE(c, CancelIoEx(h, ov ? (LPOVERLAPPED) &ov->o : NULL));
}

static void v_SetFileCompletionNotificationModes(call *c) {
    HANDLE h = handle_arg(c, arg(c, 0));
    UCHAR flags = (UCHAR) num(c, 1);
    DONE(c, SetFileCompletionNotificationModes(h, flags));
}

/* ---- extension functions: AcceptEx, ConnectEx ---- */

/** The extension function a name stands for: its GUID and where its pointer is kept; 0 for another name. */
static int extension_named(const char *which, GUID *g, void ***slot) {
    static const struct { const char *name; GUID g; void **slot; } known[] = {
        { "AcceptEx", WSAID_ACCEPTEX, (void **) &accept_ex },
        { "ConnectEx", WSAID_CONNECTEX, (void **) &connect_ex },
        { "DisconnectEx", WSAID_DISCONNECTEX, (void **) &disconnect_ex },
        { "GetAcceptExSockaddrs", WSAID_GETACCEPTEXSOCKADDRS, (void **) &get_accept_ex_sockaddrs },
    };
    for (size_t k = 0; k < sizeof known / sizeof *known; k++)
        if (strcmp(which, known[k].name) == 0) { *g = known[k].g; *slot = known[k].slot; return 1; }
    return 0;
}

static void v_WSAIoctl(call *c) {
    SOCKET s = sock_arg(c, 0);
    DWORD code = (DWORD) num(c, 1);
    const char *in_text = arg(c, 2);
    DWORD inlen = (DWORD) num(c, 3);
    int out_null = is_null(c, 4);
    DWORD outlen = out_null ? 0 : (DWORD) num(c, 4);
    int count_null = is_null(c, 5);
    DWORD count = count_null ? 0 : (DWORD) num(c, 5);
    ovrec *ov = ov_arg(c, 6);
    LPWSAOVERLAPPED_COMPLETION_ROUTINE cr = routine_arg(c, 7);
    GUID g;
    void **slot = NULL;
    char *in = NULL;
    size_t n = 0;
    if (extension_named(in_text, &g, &slot)) {
        in = malloc(sizeof g);
        memcpy(in, &g, sizeof g);
    } else if (strncmp(in_text, "guid:", 5) == 0) {
        unsigned long d1;
        unsigned d2, d3, b[8];
        if (sscanf(in_text + 5, "%8lx-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &d1, &d2, &d3, &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
                   &b[6], &b[7]) != 11) fail(c, "not a GUID: '%s'", in_text);
        g.Data1 = d1; g.Data2 = (USHORT) d2; g.Data3 = (USHORT) d3;
        for (int k = 0; k < 8; k++) g.Data4[k] = (UCHAR) b[k];
        in = malloc(sizeof g);
        memcpy(in, &g, sizeof g);
    } else {
        in = pad(data_arg(c, in_text, &n), n, (int) inlen);
    }
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    ovrec *use = ov ? ov : &temp;
    DWORD room = outlen + 8; /* the output buffer: OUTLEN bytes the call is told of, and room past them */
    ov_buffers(use, &room, NULL, 1, 0);
    DONE(c, WSAIoctl(s, code, in, inlen, out_null ? NULL : use->mem, outlen, count_null ? NULL : &count, ov ? &ov->o : NULL, cr));
    if (c->ret == 0 && slot && !out_null && outlen >= sizeof(void *)) memcpy(slot, use->mem, sizeof(void *));
    if (!count_null) text_add(&c->out, " bytes=%lu", count);
    if (c->ret == 0 && !out_null) { text_add(&c->out, " out="); text_hex(&c->out, (unsigned char *) use->mem, outlen); }
    free(in);
    if (!ov) free(temp.mem);
}

/** Loads an extension function through the socket when no WSAIoctl verb has yet. */
static void *extension(SOCKET s, GUID g, void **slot) {
    if (!*slot) {
        DWORD bytes;
        DWORD saved = GetLastError();
        WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, slot, sizeof *slot, &bytes, NULL, NULL);
        SetLastError(saved);
    }
    return *slot;
}

static void v_AcceptEx(call *c) {
    SOCKET l = sock_arg(c, 0), a = sock_arg(c, 1);
    ovrec *ov = ov_arg(c, 2);
    DWORD recvlen = (DWORD) num(c, 3);
    DWORD locallen = c->argc > 4 ? (DWORD) num(c, 4) : ACCEPT_ADDR_LEN;
    DWORD remotelen = c->argc > 5 ? (DWORD) num(c, 5) : ACCEPT_ADDR_LEN;
    if (!extension(l, (GUID) WSAID_ACCEPTEX, (void **) &accept_ex)) fail(c, "no AcceptEx: WSAIoctl failed");
    extension(l, (GUID) WSAID_GETACCEPTEXSOCKADDRS, (void **) &get_accept_ex_sockaddrs);
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    ovrec *use = ov ? ov : &temp;
    DWORD len = recvlen + locallen + remotelen;
    ov_buffers(use, &len, NULL, 1, 1);
    use->accepts = 1;
    use->recvlen = recvlen;
    use->locallen = locallen;
    use->remotelen = remotelen;
    DWORD bytes = 0;
    DONE(c, accept_ex(l, a, use->mem, recvlen, locallen, remotelen, &bytes, ov ? (LPOVERLAPPED) &ov->o : NULL));
    text_add(&c->out, " bytes=%lu", bytes);
    if (c->ret) text_ov_data(&c->out, use, bytes);
    if (!ov) free(temp.mem);
}

static void v_ConnectEx(call *c) {
    SOCKET s = sock_arg(c, 0);
    struct sockaddr_in a;
    struct sockaddr_in *p = addr_arg(c, 1, &a);
    ovrec *ov = ov_arg(c, 2);
    size_t n;
    char *data = data_arg(c, arg(c, 3), &n);
    if (!extension(s, (GUID) WSAID_CONNECTEX, (void **) &connect_ex)) fail(c, "no ConnectEx: WSAIoctl failed");
    ovrec temp;
    memset(&temp, 0, sizeof temp);
    ovrec *use = ov ? ov : &temp;
    DWORD len = (DWORD) n;
    ov_buffers(use, &len, &data, 1, 0);
    free(data);
    DWORD sent = 0;
    DONE(c, connect_ex(s, (struct sockaddr *) p, sizeof a, n ? use->mem : NULL, len, &sent, ov ? (LPOVERLAPPED) &ov->o : NULL));
    text_add(&c->out, " sent=%lu", sent);
    if (!ov) free(temp.mem);
}

static void v_DisconnectEx(call *c) {
    SOCKET s = sock_arg(c, 0);
    ovrec *ov = ov_arg(c, 1);
    DWORD flags = (DWORD) num(c, 2);
    if (!extension(s, (GUID) WSAID_DISCONNECTEX, (void **) &disconnect_ex)) fail(c, "no DisconnectEx: WSAIoctl failed");
    if (ov) ov_buffers(ov, NULL, NULL, 0, 0);
    DWORD reserved = (DWORD) num(c, 3);
    DONE(c, disconnect_ex(s, ov ? (LPOVERLAPPED) &ov->o : NULL, flags, reserved));
}

/* ---- completion ports ---- */

static void v_CreateIoCompletionPort(call *c) {
    HANDLE file = handle_arg(c, arg(c, 1));
    HANDLE existing = handle_arg(c, arg(c, 2));
    ULONG_PTR key = (ULONG_PTR) num(c, 3);
    DWORD threads = (DWORD) num(c, 4);
    HANDLE port = CreateIoCompletionPort(file, existing, key, threads);
    DONE(c, (INT_PTR) port);
    if (port && port != existing) new_handle(arg(c, 0), port);
}

static void v_GetQueuedCompletionStatus(call *c) {
    HANDLE port = handle_arg(c, arg(c, 0));
    DWORD ms = (DWORD) num(c, 1);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED o = NULL;
    DONE(c, GetQueuedCompletionStatus(port, &bytes, &key, &o, ms));
    text_add(&c->out, " bytes=%lu key=%llu ov=", bytes, (unsigned long long) key);
    text_ovname(&c->out, o);
    if (c->ret && o) text_ov_data(&c->out, ov_of((LPWSAOVERLAPPED) o), bytes);
}

static void v_GetQueuedCompletionStatusEx(call *c) {
    HANDLE port = handle_arg(c, arg(c, 0));
    ULONG max = (ULONG) num(c, 1);
    DWORD ms = (DWORD) num(c, 2);
    BOOL alertable = truth(c, 3);
    if (max > 64) fail(c, "at most 64 entries");
    OVERLAPPED_ENTRY entries[64];
    ULONG removed = 0;
    DONE(c, GetQueuedCompletionStatusEx(port, entries, max, &removed, ms, alertable));
    text_add(&c->out, " removed=%lu", removed);
    for (ULONG k = 0; c->ret && k < removed; k++) {
        text_add(&c->out, " e%lu=", k);
        text_ovname(&c->out, entries[k].lpOverlapped);
        text_add(&c->out, ":%lu:%llu:0x%llx", entries[k].dwNumberOfBytesTransferred,
                 (unsigned long long) entries[k].lpCompletionKey, (unsigned long long) entries[k].Internal);
    }
}

static void v_PostQueuedCompletionStatus(call *c) {
    HANDLE port = handle_arg(c, arg(c, 0));
    DWORD bytes = (DWORD) num(c, 1);
    ULONG_PTR key = (ULONG_PTR) num(c, 2);
    ovrec *ov = ov_arg(c, 3);
    DONE(c, PostQueuedCompletionStatus(port, bytes, key, ov ? (LPOVERLAPPED) &ov->o : NULL));
}

/* ---- duplicated handles and deferred accept ---- */

/** WSAAccept's condition function: the answer the request gave, passed as the callback data. */
static int CALLBACK fixed_condition(LPWSABUF caller, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos, LPWSABUF callee,
                                   LPWSABUF callee_data, GROUP *g, DWORD_PTR answer) {
    return (int) answer;
}

static void v_DuplicateHandle(call *c) {
    HANDLE from = handle_arg(c, arg(c, 1)), h = handle_arg(c, arg(c, 2)), to = handle_arg(c, arg(c, 3));
    DWORD access = (DWORD) num(c, 4), options = (DWORD) num(c, 6);
    BOOL inherit = truth(c, 5);
    HANDLE copy = NULL;
    DONE(c, DuplicateHandle(from, h, to, &copy, access, inherit, options));
    if (c->ret) new_handle(arg(c, 0), copy);
}

static void v_GetCurrentProcessId(call *c) { DONE_U(c, GetCurrentProcessId()); }

static void v_WSADuplicateSocket(call *c) {
    SOCKET s = sock_arg(c, 0);
    DWORD pid = (DWORD) num(c, 1);
    WSAPROTOCOL_INFOW *info = NULL;
    if (!is_null(c, 2)) { obj *o = add(arg(c, 2), K_PROTOCOL_INFO); o->info = info = calloc(1, sizeof *info); }
    DONE(c, WSADuplicateSocketW(s, pid, info));
    if (c->ret == 0 && info)
        text_add(&c->out, " af=%d type=%d protocol=%d", info->iAddressFamily, info->iSocketType, info->iProtocol);
}

static void v_WSAAccept(call *c) {
    SOCKET l = sock_arg(c, 1);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    int len = 0;
    int with_addr = !is_null(c, 2), with_len = !is_null(c, 3), with_condition = !is_null(c, 4);
    if (with_len) len = (int) num(c, 3);
    DWORD_PTR answer = with_condition ? (DWORD_PTR) num(c, 4) : 0;
    SOCKET s = WSAAccept(l, with_addr ? (struct sockaddr *) &a : NULL, with_len ? &len : NULL,
                         with_condition ? fixed_condition : NULL, answer);
    accepted(c, s, with_addr ? &a : NULL, with_len ? &len : NULL);
}

/* ---- WSAPoll ---- */

/** WSAPoll {SOCKET:EVENTS:REVENTS,…}|NULL COUNT TIMEOUT; out: revents={BITS,…}, every entry's after the call, in order. */
static void v_WSAPoll(call *c) {
    static __thread char items[FD_SETSIZE][NAME_LEN];
    static __thread WSAPOLLFD fds[FD_SETSIZE];
    int n = set_arg(c, 0, items, FD_SETSIZE);
    for (int k = 0; k < n; k++) {
        char *events = strchr(items[k], ':');
        char *revents = events ? strchr(events + 1, ':') : NULL;
        if (!revents) fail(c, "a WSAPoll entry is SOCKET:EVENTS:REVENTS: '%s'", items[k]);
        *events++ = '\0';
        *revents++ = '\0';
        obj *o = items[k][0] == '#' ? NULL : find(items[k]);
        if (items[k][0] != '#' && (!o || o->kind != K_SOCKET)) fail(c, "'%s' is not a socket", items[k]);
        fds[k].fd = o ? o->sock : (SOCKET) (INT_PTR) one_number(c, items[k]);
        fds[k].events = (SHORT) one_number(c, events);
        fds[k].revents = (SHORT) one_number(c, revents);
    }
    DONE(c, WSAPoll(n < 0 ? NULL : fds, (ULONG) num(c, 1), (INT) num(c, 2)));
    if (n >= 0) {
        text_add(&c->out, " revents={");
        for (int k = 0; k < n; k++) text_add(&c->out, "%s%d", k ? "," : "", fds[k].revents);
        text_add(&c->out, "}");
    }
}

/* ---- the verb table ---- */

typedef struct { const char *name; void (*run)(call *); } verb;
#define V(x) { #x, v_##x }
static const verb verbs[] = {
    V(WSAStartup), V(WSACleanup), V(WSAGetLastError), V(WSASetLastError), V(GetLastError), V(SetLastError),
    V(socket), V(WSASocket), V(bind), V(listen), V(accept), V(connect), V(send), V(recv), V(shutdown),
    V(WSASendDisconnect), V(WSARecvDisconnect),
    V(closesocket), V(ioctlsocket), V(setsockopt), V(getsockopt), V(getsockname), V(getpeername), V(select),
    V(sendto), V(recvfrom), V(WSASendTo), V(WSARecvFrom), V(WSASendMsg), /* ---- UDP ---- */
    V(CreateEvent), V(SetEvent), V(ResetEvent), V(CloseHandle), V(WaitForSingleObject), V(WaitForSingleObjectEx),
    V(WaitForMultipleObjects), V(WaitForMultipleObjectsEx), V(Sleep), V(SleepEx), V(QueueUserAPC),
    V(CreateThread), V(exit), V(GetExitCodeThread), V(GetCurrentThreadId), V(GetTickCount), V(GetSystemInfo),
    V(SetThreadDescription),
    V(InitializeCriticalSection), V(EnterCriticalSection), V(LeaveCriticalSection), V(DeleteCriticalSection),
    V(WSACreateEvent), V(WSASetEvent), V(WSAResetEvent), V(WSACloseEvent), V(WSAEventSelect),
    V(WSAEnumNetworkEvents), V(WSAWaitForMultipleEvents),
    V(window), V(WSAAsyncSelect), V(GetMessage), V(PeekMessage), V(DispatchMessage), V(PostMessage),
    V(TranslateMessage), V(DestroyWindow), V(PostQuitMessage), V(DefWindowProc),
    V(overlapped), V(ovstate), V(WSASend), V(WSARecv), V(WSAGetOverlappedResult), V(GetOverlappedResult),
    V(CancelIo), V(CancelIoEx), V(SetFileCompletionNotificationModes), V(WSAIoctl), V(AcceptEx), V(ConnectEx),
    V(DisconnectEx), V(ovset),
    V(CreateIoCompletionPort), V(GetQueuedCompletionStatus), V(GetQueuedCompletionStatusEx),
    V(PostQueuedCompletionStatus),
    /* ---- duplicated handles and deferred accept ---- */
    V(WSAAccept), V(DuplicateHandle), V(GetCurrentProcessId), V(WSADuplicateSocket),
    /* ---- WSAPoll ---- */
    V(WSAPoll),
};

static void protocol_error(const char *id, const char *problem) {
    text t = {0};
    text_add(&t, "%s error %s", id, problem);
    emit(&t);
}

/** Runs one request line on the calling agent thread and writes its reply. */
static void execute(char *line) {
    char *tokens[MAX_ARGS + 3];
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(line, " \t", &save); p && n < MAX_ARGS + 3; p = strtok_r(NULL, " \t", &save)) tokens[n++] = p;
    call c;
    memset(&c, 0, sizeof c);
    c.id = tokens[0];
    snprintf(self->current, sizeof self->current, "%s", c.id);
    if (n < 3) { protocol_error(c.id, "a request is ID THREAD VERB ARG..."); return; }
    const verb *v = NULL;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs && !v; k++)
        if (strcmp(verbs[k].name, tokens[2]) == 0) v = &verbs[k];
    if (!v) { protocol_error(c.id, "unknown verb"); return; }
    c.argv = tokens + 3;
    c.argc = n - 3;
    if (setjmp(c.bad)) {
        free(c.out.s);
        protocol_error(c.id, c.problem);
        return;
    }
    v->run(&c);
    text t = {0};
    text_add(&t, "%s ret=%lld err=%lu", c.id, c.ret, c.err);
    if (c.out.s) text_add(&t, "%s", c.out.s);
    free(c.out.s);
    emit(&t);
    if (v->run == v_exit) {
        InterlockedExchange(&self->ended, 1);
        ExitThread((DWORD) c.ret);
    }
}

/* ---- agent threads ---- */

static DWORD WINAPI thread_main(LPVOID param) {
    self = param;
    SetEvent(self->started);
    for (;;) {
        WaitForSingleObject(self->work, INFINITE);
        for (;;) {
            EnterCriticalSection(&self->qlock);
            struct req *r = self->head;
            if (r) { self->head = r->next; if (!self->head) self->tail = NULL; }
            else InterlockedExchange(&self->busy, 0);
            LeaveCriticalSection(&self->qlock);
            if (!r) break;
            execute(r->line);
            free(r->line);
            free(r);
        }
    }
    return 0;
}

/** The agent thread called NAME, started now if it does not exist yet. */
static athread *start_thread(const char *name) {
    obj *o = find(name);
    if (o && o->kind == K_THREAD) return o->thr;
    athread *t = calloc(1, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    InitializeCriticalSection(&t->qlock);
    t->work = CreateEventA(NULL, FALSE, FALSE, NULL);
    t->started = CreateEventA(NULL, TRUE, FALSE, NULL);
    t->h = CreateThread(NULL, 0, thread_main, t, 0, NULL);
    /* Waits until the thread runs: an APC queued to a thread that has not started yet runs as it starts
       (on Windows and on Wine), before any request, and that is not what a script means. */
    WaitForSingleObject(t->started, INFINITE);
    CloseHandle(t->started);
    o = add(name, K_THREAD);
    o->thr = t;
    o->h = t->h;
    return t;
}

static void enqueue(athread *t, char *line) {
    struct req *r = calloc(1, sizeof *r);
    r->line = line;
    EnterCriticalSection(&t->qlock);
    if (t->tail) t->tail->next = r; else t->head = r;
    t->tail = r;
    InterlockedExchange(&t->busy, 1);
    LeaveCriticalSection(&t->qlock);
    SetEvent(t->work);
}

/** Reads one line of any length; NULL at the end of input. */
static char *read_line(void) {
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    for (;;) {
        if (!fgets(s + len, (int) (cap - len), stdin)) {
            if (len == 0) { free(s); return NULL; }
            break;
        }
        len += strlen(s + len);
        if (len > 0 && s[len - 1] == '\n') break;
        cap *= 2;
        s = realloc(s, cap);
    }
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r')) s[--len] = 0;
    return s;
}

/** At the end of input: lets the threads finish what they were sent, but waits at most 5 s for a blocked one. */
static void drain(void) {
    for (int waited = 0; waited < 5000; waited += 10) {
        int busy = 0;
        EnterCriticalSection(&table_lock);
        for (int i = 0; i < table_len; i++)
            if (table[i]->kind == K_THREAD && !table[i]->thr->ended && table[i]->thr->busy) busy = 1;
        LeaveCriticalSection(&table_lock);
        if (!busy) return;
        Sleep(10);
    }
}

int main(void) {
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    InitializeCriticalSection(&out_lock);
    InitializeCriticalSection(&table_lock);
    for (char *line; (line = read_line()) != NULL;) {
        char id[NAME_LEN], thread[NAME_LEN];
        if (sscanf(line, "%63s %63s", id, thread) != 2) {
            if (line[0]) protocol_error(line, "a request is ID THREAD VERB ARG...");
            free(line);
            continue;
        }
        obj *o = find(thread);
        if (o && o->kind != K_THREAD) { protocol_error(id, "the thread name is taken by another object"); free(line); continue; }
        athread *t = start_thread(thread);
        if (t->ended) { protocol_error(id, "that thread has exited"); free(line); continue; }
        enqueue(t, line);
    }
    drain();
    ExitProcess(0);
}
