package dev.switchboard.config;

import dev.switchboard.protocol.FrameCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link FrameCodec} of the deployment, shared by every connection and handler. */
@ApplicationScoped
public class FrameCodecProducer {

    @Produces
    @Singleton
    FrameCodec codec() {
        return new FrameCodec();
    }

    void close(@Disposes FrameCodec codec) {
        codec.close();
    }
}
