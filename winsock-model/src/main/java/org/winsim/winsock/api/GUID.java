package org.winsim.winsock.api;

/**
 * {@code GUID}: names an extension function for {@code WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)}.
 * Only its text matters here; the well-known ones are the WSAID_ constants.
 */
public record GUID(String text) {
    public static final GUID WSAID_ACCEPTEX = new GUID("b5367df1-cbac-11cf-95ca-00805f48a192");
    public static final GUID WSAID_GETACCEPTEXSOCKADDRS = new GUID("b5367df2-cbac-11cf-95ca-00805f48a192");
    public static final GUID WSAID_CONNECTEX = new GUID("25a207b9-ddf3-4660-8ee9-76e58c74063e");
    public static final GUID WSAID_DISCONNECTEX = new GUID("7fda2e11-8630-436f-a031-f536a6eec157");

    /** The size of a GUID in bytes, the {@code cbInBuffer} that goes with it. */
    public static final int SIZE = 16;
}
