package io.paretune.controller.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** Authentication on with both: the API keys of {@link AuthOnProfile} and tokens of {@link TestOidcProvider}. */
public class OidcProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return new AuthOnProfile().getConfigOverrides();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestOidcProvider.class));
    }
}
