package io.streamsuite.fraud.card;

import io.streamsuite.schemas.payments.AccountProfile;
import java.math.BigDecimal;

/** What the out-of-pattern rule reads of one version of an account's profile. */
public record ProfileVersion(String homeCountry, BigDecimal typicalSpend, String currency) {

    public static ProfileVersion of(AccountProfile profile) {
        return new ProfileVersion(profile.getHomeCountry(), profile.getTypicalSpend(), profile.getCurrency());
    }
}
