package io.timberlog.agent.apps;

import org.slf4j.LoggerFactory;

/** A web application's request handler: logs one event through the application's own logback. */
public final class WebAppRequest {
    private WebAppRequest() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger("app.webapp").info("request handled");
    }
}
